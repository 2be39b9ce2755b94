using System.Text.Json;
using JourneyFeedback.Contracts;
using JourneyFeedback.Ingestion;

namespace JourneyFeedback.Host.Demo;

public sealed class DemoOptions
{
    public const string Section = "Demo";

    public bool Enabled { get; set; }

    /// <summary>Pause between items, so the map fills up visibly rather than all at once.</summary>
    public TimeSpan Pace { get; set; } = TimeSpan.FromMilliseconds(150);
}

/// <summary>
/// `make demo`: replays the bundled multilingual sample (every channel and stage, survey scores, segments, and a
/// burst that trips a spike alert) through the normal ingestion path — validation, redaction, dedupe, the bus.
/// </summary>
public sealed class DemoReplay(FeedbackIntake intake, DemoOptions options, ILogger<DemoReplay> log) : BackgroundService
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    protected override async Task ExecuteAsync(CancellationToken ct)
    {
        if (!options.Enabled) return;
        // Each run gets its own external ids, so a replay into a Redis that kept the last one is not deduplicated away.
        var run = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var lines = Sample();
        log.LogInformation("Demo: replaying {Count} sample feedback items", lines.Count);
        var accepted = 0;
        foreach (var line in lines)
        {
            var s = JsonSerializer.Deserialize<SampleItem>(line, Json)!;
            try
            {
                await intake.SubmitAsync(new FeedbackDraft
                {
                    Source = "demo",
                    ExternalId = $"{s.ExternalId}-{run}",
                    Channel = s.Channel,
                    Text = s.Text,
                    Language = s.Language,
                    Touchpoint = s.Touchpoint,
                    Segment = s.Segment,
                    Priority = s.Priority,
                    Scores = new Scores(s.Nps, s.Csat, s.Ces, s.Rating),
                }, ct);
                accepted++;
            }
            catch (FeedbackValidationException e)
            {
                log.LogWarning("Demo item {Id} rejected: {Reason}", s.ExternalId, e.Message);
            }
            await Task.Delay(options.Pace, ct);
        }
        log.LogInformation("Demo: {Accepted} items submitted; open the dashboard", accepted);
    }

    private static List<string> Sample()
    {
        using var stream = typeof(DemoReplay).Assembly.GetManifestResourceStream("demo/sample-feedback.jsonl")!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries).ToList();
    }

    private sealed record SampleItem(string Channel, string ExternalId, string Text, string? Language, string? Touchpoint,
        string? Segment, string? Priority, int? Nps, int? Csat, int? Ces, int? Rating);
}
