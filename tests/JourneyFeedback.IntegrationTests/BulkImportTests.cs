extern alias cli;

using System.Collections.Concurrent;
using System.Text;
using System.Text.RegularExpressions;
using JourneyFeedback.Contracts;
using JourneyFeedback.Ingestion;
using JourneyFeedback.IntegrationTests.Infrastructure;
using JourneyFeedback.ServiceDefaults;
using MassTransit;
using Microsoft.AspNetCore.Builder;
using Xunit.Abstractions;
using Jf = cli::JourneyFeedback.Cli.JfCommand;

namespace JourneyFeedback.IntegrationTests;

/// <summary>
/// jf import against an Ingestion host with real Redis dedupe. The host publishes on the in-memory bus to a
/// recording consumer instead of RabbitMQ, so 100,000 items neither flood the shared pipeline's consumers nor
/// hide a duplicate among them: every published item is counted here.
/// </summary>
public sealed partial class BulkImportTests(Deps deps, ITestOutputHelper log) : IClassFixture<Deps>, IAsyncLifetime
{
    private const int Rows = 100_000;
    private readonly string _source = $"bulk-{Guid.NewGuid():N}"[..20];
    private readonly string _dir = Directory.CreateTempSubdirectory("jf-import-").FullName;
    private ServiceProcess _ingestion = null!;

    public async Task InitializeAsync() =>
        _ingestion = await ServiceProcess.StartAsync(BuildRecordingIngestion, Credentials.Pipeline,
        [
            "--Messaging:Transport=InMemory",
            $"--Store:RedisUrl={deps.RedisUrl}",
            $"--Store:KeyPrefix=imp{Guid.NewGuid():N}"[..26] + ":",
            $"--Ingestion:Sources:{_source}:PermitsPerSecond=0",
            .. Credentials.PipelineSettings(),
        ]);

    public async Task DisposeAsync()
    {
        await _ingestion.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    private static WebApplication BuildRecordingIngestion(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.AddServiceDefaults("ingestion", ServicePorts.Ingestion, distributed: true);
        builder.AddIngestion();
        builder.AddMessaging(x => x.AddConsumer<RecordingConsumer>());
        var app = builder.Build();
        app.MapDefaultEndpoints();
        app.MapIngestion();
        return app;
    }

    private Task<int> Import(string file, StringWriter output, StringWriter error, CancellationToken ct, params string[] more) =>
        Jf.RunAsync(["import", file, "--source", _source, "--server", $"http://127.0.0.1:{_ingestion.GrpcPort}",
            "--api-key", Credentials.Pipeline.ApiKey!, .. more], output, error, ct);

    [Fact]
    public async Task AHundredThousandRowExportSurvivesAnInterruptionWithoutDuplicates()
    {
        var file = Path.Combine(_dir, "export.csv");
        var (serverRejects, localRejects) = WriteCsv(file);
        var rejects = Path.Combine(_dir, "rejects.csv");
        string[] args = ["--map", "text=comment,nps=score,customer_id=customer,occurred_at=answered_at,metadata.plan=plan",
            "--channel", "survey", "--rejects", rejects];

        // First run: interrupted once a third of the file has results.
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        var firstOut = new StringWriter();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var first = Import(file, firstOut, new StringWriter(), cts.Token, args);
        await Net.Eventually(() => Task.FromResult(first.IsCompleted || LastRow(file + ".jf-import") >= Rows / 3 ? "" : null),
            "a third of the import", TimeSpan.FromMinutes(3));
        await cts.CancelAsync();
        Assert.Equal(130, await first);
        var interruptedAt = LastRow(file + ".jf-import");
        Assert.InRange(interruptedAt, Rows / 3, Rows - 1);
        Assert.Contains("interrupted", firstOut.ToString());

        // Second run: resumes from the checkpoint and finishes.
        var secondOut = new StringWriter();
        var secondErr = new StringWriter();
        Assert.Equal(0, await Import(file, secondOut, secondErr, CancellationToken.None, args));
        var elapsed = clock.Elapsed;
        Assert.Contains($"resuming after row {interruptedAt}", secondOut.ToString());
        Assert.False(File.Exists(file + ".jf-import"), "the checkpoint is removed once the import is complete");

        var summary = Summary().Match(secondOut.ToString());
        Assert.True(summary.Success, secondOut.ToString() + secondErr);
        var (accepted, duplicate, rejected) = (long.Parse(summary.Groups[1].Value), long.Parse(summary.Groups[2].Value), long.Parse(summary.Groups[3].Value));
        log.WriteLine($"{Rows} rows in {elapsed.TotalSeconds:0.0} s over two runs ({Rows / elapsed.TotalSeconds:0} rows/s): {secondOut}");

        Assert.Equal(Rows, accepted + duplicate + rejected);
        var rejectLines = File.ReadAllLines(rejects).Skip(1).ToList();
        Assert.True(serverRejects + localRejects == rejected, $"{rejected} rejected, e.g. {string.Join(" | ", rejectLines.Take(3))}");
        Assert.Equal(rejected, rejectLines.Count);
        Assert.Contains(rejectLines, l => l.Contains("nps: must be between 0 and 10"));
        Assert.Contains(rejectLines, l => l.Contains("nps: 'n/a' is not a whole number"));

        // Every row the server took was published exactly once, the resumed rows included.
        var published = RecordingConsumer.Seen.GetOrAdd(_source, _ => new());
        await Net.Eventually(() => Task.FromResult(published.Count >= Rows - rejected ? "" : null), "every accepted row on the bus");
        await Task.Delay(500);
        Assert.Equal(Rows - rejected, published.Count);
        Assert.All(published, p => Assert.Equal(1, p.Value));
        Assert.DoesNotContain(published.Keys, k => k.Contains('@'));
    }

    [Fact]
    public async Task AJsonLinesExportIsImportedWithReasonsOnStderr()
    {
        var file = Path.Combine(_dir, "tickets.jsonl");
        var lines = Enumerable.Range(1, 300).Select(i => i % 50 == 0
            ? "{\"id\":\"broken"
            : $$"""{"id":"T-{{i}}-{{_source}}","body":"Order {{i}}: the courier never came","priority":"{{(i % 7 == 0 ? "asap" : "high")}}","kind":"ticket"}""");
        await File.WriteAllLinesAsync(file, lines);
        var output = new StringWriter();
        var error = new StringWriter();
        Assert.Equal(0, await Import(file, output, error, CancellationToken.None, "--map", "text=body,external_id=id,priority=priority,channel=kind", "--batch-size", "64"));
        Assert.Contains("252 accepted, 0 duplicate, 48 rejected", output.ToString());
        Assert.Contains("50,\"is not valid JSON", error.ToString());
        Assert.Contains("7,\"ticket.priority: must be one of", error.ToString());

        var again = new StringWriter();
        Assert.Equal(0, await Import(file, again, new StringWriter(), CancellationToken.None, "--map", "text=body,external_id=id,priority=priority,channel=kind"));
        Assert.Contains("0 accepted, 252 duplicate, 48 rejected", again.ToString());
    }

    private static (int Server, int Local) WriteCsv(string path)
    {
        var (server, local) = (0, 0);
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false));
        writer.Write("comment,score,customer,answered_at,plan\r\n");
        for (var i = 1; i <= Rows; i++)
        {
            var score = (i % 11).ToString();
            if (i % 997 == 0) { score = "11"; server++; }
            else if (i % 1009 == 0) { score = "n/a"; local++; }
            var comment = (i % 5) switch
            {
                0 => $"\"Delivery {i} was late, \"\"again\"\"\nand the box was wet\"",
                1 => $"\"Refund {i} took weeks, write to buyer{i}@example.com\"",
                _ => $"Checkout {i} kept failing",
            };
            writer.Write($"{comment},{score},cust-{i % 5000},2025-11-{1 + i % 28:00}T10:00:00Z,{(i % 2 == 0 ? "pro" : "free")}\r\n");
        }
        return (server, local);
    }

    private static long LastRow(string checkpoint)
    {
        try { return File.Exists(checkpoint) ? long.Parse(LastRowPattern().Match(File.ReadAllText(checkpoint)).Groups[1].Value) : 0; }
        catch (Exception e) when (e is IOException or FormatException) { return 0; }
    }

    [GeneratedRegex(@"(\d+) accepted, (\d+) duplicate, (\d+) rejected \(100000 of 100000 rows")]
    private static partial Regex Summary();

    [GeneratedRegex("\"lastRow\": (\\d+)")]
    private static partial Regex LastRowPattern();
}

/// <summary>Counts each published item by its external id, per source.</summary>
public sealed class RecordingConsumer : IConsumer<FeedbackReceived>
{
    public static readonly ConcurrentDictionary<string, ConcurrentDictionary<string, int>> Seen = new();

    public Task Consume(ConsumeContext<FeedbackReceived> context)
    {
        var item = context.Message.Feedback;
        Seen.GetOrAdd(item.Source, _ => new()).AddOrUpdate(item.ExternalId ?? item.FeedbackId.ToString(), 1, (_, n) => n + 1);
        return Task.CompletedTask;
    }
}
