using System.Diagnostics;
using System.Globalization;
using Xunit.Abstractions;

namespace JourneyFeedback.FaultTests.Infrastructure;

/// <summary>
/// One scenario: a stream of items through the pipeline, a fault injected once some are acknowledged, and then the
/// comparison of what Ingestion acknowledged with what the feed counted, printed as one FAULT line.
/// </summary>
public sealed class FaultRun(Pipeline pipeline, FeedCounts feed, ITestOutputHelper output)
{
    public const int Items = 1500;
    public const int FaultAfter = 400;
    // About 25 s of traffic: the fault lands around second 7 and the stream goes on well after it is restored.
    public const int PerSecond = 60;

    public LoadClient Client { get; } = new(pipeline.Ingestion, PerSecond);

    /// <param name="fault">Injects the fault and puts things right again; returns when the failed part is restored.</param>
    /// <param name="parked">Acknowledged ids that are expected in an _error queue rather than in the feed.</param>
    public async Task<FaultResult> RunAsync(string scenario, Func<Task> fault, int? poison = null, Func<Task<IReadOnlyCollection<Guid>>>? parked = null)
    {
        var load = Client.SendAsync(Items, TimeSpan.FromMinutes(6), poison);
        await Net.Eventually(async () => Client.Acknowledged >= FaultAfter || load.IsCompleted ? "" : await Task.FromResult<string?>(null),
            $"{FaultAfter} acknowledged items", TimeSpan.FromMinutes(3));
        if (load.IsFaulted) await load;

        await fault();
        var restored = Stopwatch.StartNew();
        var ackedBeforeRestore = Client.AcknowledgedIds;
        double? recovery = null;

        await load;
        var expectedElsewhere = parked is null ? [] : (await parked()).ToHashSet();
        var acknowledged = Client.AcknowledgedIds;
        var waitFor = acknowledged.Where(id => !expectedElsewhere.Contains(id)).ToList();
        var drainDeadline = DateTime.UtcNow + TimeSpan.FromMinutes(4);
        List<Guid> notRecorded;
        while (true)
        {
            if (recovery is null && (await feed.NotRecordedAsync([.. ackedBeforeRestore.Where(id => !expectedElsewhere.Contains(id))])).Count == 0)
                recovery = restored.Elapsed.TotalSeconds;
            notRecorded = await feed.NotRecordedAsync(waitFor);
            if (notRecorded.Count == 0 || DateTime.UtcNow > drainDeadline) break;
            await Task.Delay(500);
        }
        // Redeliveries of messages that were in flight come late: give them time to (not) be counted twice.
        await Task.Delay(TimeSpan.FromSeconds(3));
        notRecorded = await feed.NotRecordedAsync(waitFor);
        var counted = await feed.CountedAsync();
        var recordedAcknowledged = waitFor.Count - notRecorded.Count;
        var result = new FaultResult(scenario, acknowledged.Count, counted,
            Lost: notRecorded.Count + Math.Max(0, recordedAcknowledged - counted),
            Duplicated: Math.Max(0, counted - recordedAcknowledged),
            RecoverySeconds: recovery ?? restored.Elapsed.TotalSeconds);
        Report(result.Line);
        if (notRecorded.Count > 0)
        {
            Report($"not counted, e.g. {string.Join(", ", notRecorded.Take(5))}; logs: {string.Join(", ", pipeline.Services.Select(s => s.LogPath))}");
            Report(await WhereAreTheyAsync(notRecorded));
        }
        return result;
    }

    /// <summary>
    /// For a failed run: whether items that never reached the feed wait in a queue or were parked in an _error
    /// queue (and why), or are nowhere the broker can show.
    /// </summary>
    private async Task<string> WhereAreTheyAsync(IReadOnlyCollection<Guid> missing)
    {
        try
        {
            var lines = new List<string>();
            var factory = new RabbitMQ.Client.ConnectionFactory { Uri = new Uri(pipeline.Deps.RabbitMqUrl) };
            await using (var connection = await factory.CreateConnectionAsync())
            {
                foreach (var queue in (string[])["feedback-received", "feedback-analyzed"])
                {
                    await using var channel = await connection.CreateChannelAsync();
                    var ok = await channel.QueueDeclarePassiveAsync(queue);
                    lines.Add($"{queue}: {ok.MessageCount} ready, {ok.ConsumerCount} consumers");
                }
            }
            foreach (var queue in JourneyFeedback.Cli.Errors.ErrorQueue.Known)
            {
                var parked = await ErrorQueues.ListAsync(pipeline.Deps.RabbitMqUrl, queue);
                var ours = parked.Where(p => missing.Contains(p.FeedbackId)).ToList();
                lines.Add($"{queue}: {parked.Count} parked, {ours.Count} of the missing"
                    + string.Concat(ours.Take(3).Select(p => $"; {p.FeedbackId}: {p.ExceptionType}: {p.Reason}")));
            }
            return "where the missing items are: " + string.Join(" | ", lines);
        }
        catch (Exception e)
        {
            return $"where the missing items are: the broker could not be asked ({e.GetType().Name}: {e.Message})";
        }
    }

    public void Report(string line)
    {
        output.WriteLine(line);
        Console.WriteLine(line);
    }
}

public sealed record FaultResult(string Scenario, long Acknowledged, long Counted, long Lost, long Duplicated, double RecoverySeconds)
{
    public string Line => string.Create(CultureInfo.InvariantCulture,
        $"FAULT {Scenario} acknowledged={Acknowledged} counted={Counted} lost={Lost} duplicated={Duplicated} recovery_s={RecoverySeconds:F1}");

    public void AssertNothingLostOrDuplicated()
    {
        Assert.True(Lost == 0, $"{Line}: acknowledged items were lost");
        Assert.True(Duplicated == 0, $"{Line}: items were counted twice");
    }
}
