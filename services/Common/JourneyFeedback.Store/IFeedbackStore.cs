namespace JourneyFeedback.Store;

/// <summary>
/// Everything the services keep between messages: the ingestion dedupe index and the journey feed.
/// Implementations: <see cref="RedisFeedbackStore"/> in production, <see cref="InMemoryFeedbackStore"/>
/// for the all-in-one run; both pass the same contract tests.
/// </summary>
public interface IFeedbackStore
{
    /// <summary>Claims (source, externalId) for <paramref name="candidateId"/>, or returns the id that claimed it first.</summary>
    Task<Registration> RegisterAsync(string source, string externalId, Guid candidateId, CancellationToken ct = default);

    /// <summary>Releases a claim whose item never reached the broker, so a retry is not taken for a duplicate.</summary>
    Task ForgetAsync(string source, string externalId, Guid feedbackId, CancellationToken ct = default);

    /// <summary>
    /// Counts one analysed item at its stage and merges its pain point into a similar one, once: a redelivered
    /// item returns false and changes nothing.
    /// </summary>
    Task<bool> RecordAsync(FeedRecord record, CancellationToken ct = default);

    Task<IReadOnlyList<StageStats>> GetStageStatsAsync(CancellationToken ct = default);

    /// <summary>Per-stage figures summed over whole hours [from, to), optionally for one channel, language or segment.</summary>
    Task<IReadOnlyList<StageMetrics>> GetStageMetricsAsync(MetricsQuery query, CancellationToken ct = default);

    /// <summary>Merged pain points, last seen first. Throws <see cref="InvalidPageTokenException"/> for a token it did not issue.</summary>
    Task<PainPointPage> ListPainPointsAsync(PainPointQuery query, CancellationToken ct = default);

    /// <summary>One merged pain point with up to <paramref name="verbatims"/> of its mentions, last recorded first; null when unknown.</summary>
    Task<PainPointDetail?> GetPainPointAsync(string id, int verbatims, DateTimeOffset now, CancellationToken ct = default);

    /// <summary>The pain point a recorded mention was merged into; null when it was none.</summary>
    Task<string?> PainPointOfAsync(Guid feedbackId, CancellationToken ct = default);

    /// <summary>Pain points as they are created or grow, from now on, until cancelled.</summary>
    IAsyncEnumerable<PainPointSummary> WatchPainPointsAsync(CancellationToken ct = default);

    /// <summary>Claims an alert key once (for spike alerts): true for the first claimer only.</summary>
    Task<bool> ClaimOnceAsync(string key, TimeSpan ttl, CancellationToken ct = default);

    Task<bool> PingAsync(CancellationToken ct = default);
}

public sealed record Registration(Guid FeedbackId, bool Duplicate);

public sealed class InvalidPageTokenException(string token) : ArgumentException($"'{token}' is not a page token of this feed.");
