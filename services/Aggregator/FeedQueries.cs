using JourneyFeedback.Store;

namespace JourneyFeedback.Aggregator;

/// <summary>What gRPC and HTTP both serve: the journey's stages with their figures, and pain points per stage.</summary>
public sealed class FeedQueries(IFeedbackStore store, JourneyMap journey)
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 500;

    public async Task<IReadOnlyList<StageStats>> StagesAsync(CancellationToken ct)
    {
        var stats = (await store.GetStageStatsAsync(ct)).ToDictionary(s => s.Stage);
        // Every stage of the journey, in journey order, also those with no feedback yet.
        return journey.Stages.Select(s => stats.GetValueOrDefault(s) ?? new StageStats(s, 0, 0, 0, 0)).ToList();
    }

    /// <summary>Throws <see cref="ArgumentException"/> naming the parameter for a bad stage, page size or token.</summary>
    public Task<PainPointPage> PainPointsAsync(string? stage, int pageSize, string? pageToken, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(stage)) throw new ArgumentException("is required", nameof(stage));
        if (!journey.Stages.Contains(stage))
            throw new ArgumentException($"must be one of {string.Join(", ", journey.Stages)}", nameof(stage));
        if (pageSize is < 0 or > MaxPageSize)
            throw new ArgumentException($"must be between 1 and {MaxPageSize}", "page_size");
        try
        {
            return store.ListPainPointsAsync(new PainPointQuery(stage, pageSize == 0 ? DefaultPageSize : pageSize, pageToken), ct);
        }
        catch (InvalidPageTokenException e)
        {
            throw new ArgumentException(e.Message, "page_token");
        }
    }

    public void CheckStage(string? stage)
    {
        if (!string.IsNullOrEmpty(stage) && !journey.Stages.Contains(stage))
            throw new ArgumentException($"must be one of {string.Join(", ", journey.Stages)}", nameof(stage));
    }

    public IAsyncEnumerable<PainPointRecord> WatchAsync(CancellationToken ct) => store.WatchPainPointsAsync(ct);
}
