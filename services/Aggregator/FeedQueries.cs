using JourneyFeedback.Store;

namespace JourneyFeedback.Aggregator;

/// <summary>The filters every feed query takes; <see cref="Window"/> is hour, day or week.</summary>
public sealed record FeedFilter(string? Window = null, string? Channel = null, string? Language = null, string? Segment = null, string? Topic = null);

/// <summary>A stage's lifetime counts and its metrics over the filter's window.</summary>
public sealed record StageView(StageStats Lifetime, StageMetrics Window, string WindowName);

/// <summary>A pain point as served: with severity, trend and whether it is spiking, all as of now.</summary>
public sealed record PainPointView(PainPointSummary PainPoint, double Severity, string Trend, long WindowCount, long PreviousWindowCount, bool Spiking,
    IReadOnlyList<PainPointRecord> Verbatims);

public sealed record PainPointViewPage(IReadOnlyList<PainPointView> Items, string? NextPageToken);

/// <summary>What gRPC and HTTP both serve. Throws <see cref="ArgumentException"/> naming the parameter for bad input.</summary>
public sealed class FeedQueries(IFeedbackStore store, JourneyMap journey, TimeProvider clock)
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 500;
    public const int DefaultVerbatims = 10;
    public const int MaxVerbatims = 50;

    public JourneyMap Journey => journey;

    public async Task<IReadOnlyList<StageView>> StagesAsync(FeedFilter filter, CancellationToken ct)
    {
        var hours = FeedWindow.Hours(filter.Window);
        var now = Hours.Of(clock.GetUtcNow());
        var stats = (await store.GetStageStatsAsync(ct)).ToDictionary(s => s.Stage);
        var metrics = (await store.GetStageMetricsAsync(new MetricsQuery(now - hours + 1, now + 1)
        {
            Channel = filter.Channel, Language = filter.Language, Segment = filter.Segment,
        }, ct)).ToDictionary(m => m.Stage);
        // Every stage of the journey, in journey order, also those with no feedback yet.
        return journey.Stages.Select(s => new StageView(
            stats.GetValueOrDefault(s) ?? new StageStats(s, 0, 0, 0, 0),
            metrics.GetValueOrDefault(s) ?? new StageMetrics(s, new Dictionary<string, double>()),
            FeedWindow.Name(filter.Window))).ToList();
    }

    public async Task<StageView> StageAsync(string? stage, FeedFilter filter, CancellationToken ct)
    {
        CheckStage(stage, required: true);
        return (await StagesAsync(filter, ct)).Single(s => s.Lifetime.Stage == stage);
    }

    public async Task<PainPointViewPage> PainPointsAsync(string? stage, FeedFilter filter, int pageSize, string? pageToken, CancellationToken ct)
    {
        CheckStage(stage, required: true);
        if (pageSize is < 0 or > MaxPageSize)
            throw new ArgumentException($"must be between 1 and {MaxPageSize}", "page_size");
        var hours = FeedWindow.Hours(filter.Window);
        var now = clock.GetUtcNow();
        try
        {
            var page = await store.ListPainPointsAsync(new PainPointQuery(stage!, pageSize == 0 ? DefaultPageSize : pageSize, pageToken)
            {
                Topic = filter.Topic, Channel = filter.Channel, Language = filter.Language, Segment = filter.Segment,
                Hours = Hours.Ending(now, Math.Max(2 * hours, SpikeTest.HoursNeeded)),
            }, ct);
            return new PainPointViewPage(page.Items.Select(p => View(p, hours, now, [])).ToList(), page.NextPageToken);
        }
        catch (InvalidPageTokenException e)
        {
            throw new ArgumentException(e.Message, "page_token");
        }
    }

    public async Task<PainPointView?> PainPointAsync(string? id, int verbatims, string? window, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(id)) throw new ArgumentException("is required", "id");
        if (verbatims is < 0 or > MaxVerbatims) throw new ArgumentException($"must be between 1 and {MaxVerbatims}", "verbatims");
        var hours = FeedWindow.Hours(window);
        var now = clock.GetUtcNow();
        var limit = verbatims == 0 ? DefaultVerbatims : verbatims;
        var detail = await store.GetPainPointAsync(id, limit, now, ct);
        // A feedback id finds the pain point its mention joined: how a support tool closes the loop on a ticket.
        if (detail is null && Guid.TryParse(id, out var feedbackId) && await store.PainPointOfAsync(feedbackId, ct) is { } joined)
            detail = await store.GetPainPointAsync(joined, limit, now, ct);
        return detail is null ? null : View(detail.PainPoint, hours, now, detail.Verbatims);
    }

    public static PainPointView View(PainPointSummary p, int windowHours, DateTimeOffset now, IReadOnlyList<PainPointRecord> verbatims)
    {
        var h = Hours.Of(now);
        long Sum(long from, long to) => p.Hourly.Where(e => e.Key >= from && e.Key <= to).Sum(e => e.Value);
        var current = Sum(h - windowHours + 1, h);
        var previous = Sum(h - 2 * windowHours + 1, h - windowHours);
        return new PainPointView(p, Severity.Of(p, now), Trend.Of(current, previous), current, previous,
            SpikeTest.IsSpike(p.Hourly, h), verbatims);
    }

    public void CheckStage(string? stage, bool required = false)
    {
        if (string.IsNullOrEmpty(stage))
        {
            if (required) throw new ArgumentException("is required", nameof(stage));
            return;
        }
        if (!journey.Stages.Contains(stage))
            throw new ArgumentException($"must be one of {string.Join(", ", journey.Stages)}", nameof(stage));
    }

    public IAsyncEnumerable<PainPointSummary> WatchAsync(CancellationToken ct) => store.WatchPainPointsAsync(ct);
}
