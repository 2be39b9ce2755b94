using JourneyFeedback.Cli;
using JourneyFeedback.FaultTests.Infrastructure;
using Xunit.Abstractions;

namespace JourneyFeedback.FaultTests;

/// <summary>
/// Every item Ingestion acknowledged is counted exactly once, whatever fails in between. Each scenario runs the
/// three services as OS processes on a RabbitMQ and Redis of its own, and they run one after another (one class,
/// one xunit collection), so a scenario's kills and outages never meet another test's traffic.
/// </summary>
public sealed class FaultTests(ITestOutputHelper output) : IAsyncLifetime
{
    private Pipeline _pipeline = null!;
    private FeedCounts _feed = null!;
    private FaultRun _run = null!;

    public async Task InitializeAsync()
    {
        _pipeline = await Pipeline.StartAsync();
        _feed = await FeedCounts.ConnectAsync(_pipeline.Deps.RedisUrl);
        _run = new FaultRun(_pipeline, _feed, output);
    }

    public async Task DisposeAsync()
    {
        await _feed.DisposeAsync();
        await _pipeline.DisposeAsync();
    }

    [Fact]
    public async Task AnalysisKilledMidStreamLosesAndDoublesNothing()
    {
        var result = await _run.RunAsync("analysis-kill9", async () =>
        {
            await _pipeline.Analysis.KillAsync();
            await Task.Delay(TimeSpan.FromSeconds(2));
            await _pipeline.Analysis.StartAsync();
        });
        result.AssertNothingLostOrDuplicated();
    }

    [Fact]
    public async Task AggregatorKilledMidStreamLosesAndDoublesNothing()
    {
        var result = await _run.RunAsync("aggregator-kill9", async () =>
        {
            await _pipeline.Aggregator.KillAsync();
            await Task.Delay(TimeSpan.FromSeconds(2));
            await _pipeline.Aggregator.StartAsync();
        });
        result.AssertNothingLostOrDuplicated();
    }

    [Fact]
    public async Task ServicesStoppedWithSigtermDrainWhatTheyHold()
    {
        var exitCodes = new List<int>();
        var result = await _run.RunAsync("sigterm-drain", async () =>
        {
            foreach (var service in (ServiceHost[])[_pipeline.Analysis, _pipeline.Aggregator])
            {
                exitCodes.Add(await service.TerminateAsync(TimeSpan.FromSeconds(60)));
                await service.StartAsync();
            }
        });
        result.AssertNothingLostOrDuplicated();
        Assert.All(exitCodes, code => Assert.Equal(0, code));
    }

    [Fact]
    public async Task RabbitMqOutageIsAnsweredUnavailableAndRecoversWithoutRestarts()
    {
        var (unhealthy, alive) = (new List<string>(), true);
        var result = await _run.RunAsync("rabbitmq-down-10s", async () =>
        {
            await _pipeline.Deps.StopRabbitMqAsync();
            var outage = DateTime.UtcNow;
            (unhealthy, alive) = await ObserveOutageAsync();
            await Task.Delay(TimeSpan.FromSeconds(10) - (DateTime.UtcNow - outage) is { Ticks: > 0 } rest ? rest : TimeSpan.Zero);
            await _pipeline.Deps.StartRabbitMqAsync();
        });
        result.AssertNothingLostOrDuplicated();
        Assert.True(_run.Client.UnavailableAnswers > 0, "Ingestion should answer 503 while the broker is down");
        Assert.Contains("Ingestion", unhealthy);
        Assert.True(alive, "liveness must not depend on the broker");
        await AssertReadyAgainAsync();
    }

    [Fact]
    public async Task RedisOutageHoldsMessagesUntilTheStoreIsBack()
    {
        var (unhealthy, alive) = (new List<string>(), true);
        var result = await _run.RunAsync("redis-down-10s", async () =>
        {
            await _pipeline.Deps.StopRedisAsync();
            var outage = DateTime.UtcNow;
            (unhealthy, alive) = await ObserveOutageAsync();
            await Task.Delay(TimeSpan.FromSeconds(10) - (DateTime.UtcNow - outage) is { Ticks: > 0 } rest ? rest : TimeSpan.Zero);
            await _pipeline.Deps.StartRedisAsync();
        });
        result.AssertNothingLostOrDuplicated();
        Assert.Contains("Aggregator", unhealthy);
        Assert.True(alive, "liveness must not depend on the store");
        await AssertReadyAgainAsync();
    }

    [Fact]
    public async Task PoisonMessageIsParkedWithItsReasonAndTheRestFlows()
    {
        const int poison = 100;
        var result = await _run.RunAsync("poison-message", () => Task.CompletedTask, poison, async () =>
        {
            var parked = await Net.Eventually(async () =>
            {
                var failed = await ErrorQueues.ListAsync(_pipeline.Deps.RabbitMqUrl, "feedback-received_error");
                return failed.Count > 0 ? failed : null;
            }, "the poison message in feedback-received_error", TimeSpan.FromMinutes(2));
            var message = Assert.Single(parked);
            Assert.Contains("poison marker", message.Reason);
            Assert.Contains("PoisonFeedbackException", message.ExceptionType);
            Assert.Equal(_run.Client.IdOf(poison), message.FeedbackId);
            return [message.FeedbackId];
        });
        result.AssertNothingLostOrDuplicated();
        Assert.Equal(result.Acknowledged - 1, result.Counted);

        var url = _pipeline.Deps.RabbitMqUrl;
        var listed = new StringWriter();
        Assert.Equal(0, await JfCommand.RunAsync(["errors", "list", "--rabbitmq", url], listed, listed));
        Assert.Contains("poison marker", listed.ToString());
        var replayed = new StringWriter();
        Assert.Equal(0, await JfCommand.RunAsync(["errors", "replay", "--all", "--rabbitmq", url], replayed, replayed));
        Assert.Contains("1 replayed", replayed.ToString());
        // Replayed, it reaches Analysis again, fails again and is parked again: never counted, never gone.
        await Net.Eventually(async () => (await ErrorQueues.ListAsync(url, "feedback-received_error")).Count == 1 ? "" : null,
            "the replayed poison message back in feedback-received_error", TimeSpan.FromMinutes(1));
        Assert.Equal(result.Counted, await _feed.CountedAsync());
    }

    /// <summary>Readiness of every service, during an outage, and whether liveness held throughout.</summary>
    private async Task<(List<string> Unhealthy, bool Alive)> ObserveOutageAsync()
    {
        var (unhealthy, alive) = (new HashSet<string>(), true);
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(8);
        while (DateTime.UtcNow < until)
        {
            foreach (var service in _pipeline.Services)
            {
                if (!await service.IsOkAsync("/health")) unhealthy.Add(service.Service);
                alive &= await service.IsOkAsync("/alive");
            }
            await Task.Delay(500);
        }
        _run.Report($"during the outage: not ready {string.Join(", ", unhealthy.Order())}; alive throughout: {alive}");
        return ([.. unhealthy], alive);
    }

    private async Task AssertReadyAgainAsync()
    {
        foreach (var service in _pipeline.Services)
            await Net.Eventually(async () => await service.IsOkAsync("/health") ? "ready" : null,
                $"{service.Service} ready again without a restart", TimeSpan.FromSeconds(60));
    }
}
