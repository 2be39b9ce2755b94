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

    /// <summary>Counts one analysed item at its stage, once: a redelivered item returns false and changes nothing.</summary>
    Task<bool> RecordAsync(FeedRecord record, CancellationToken ct = default);

    Task<IReadOnlyList<StageStats>> GetStageStatsAsync(CancellationToken ct = default);

    /// <summary>Newest first. Throws <see cref="InvalidPageTokenException"/> for a token it did not issue.</summary>
    Task<PainPointPage> ListPainPointsAsync(PainPointQuery query, CancellationToken ct = default);

    /// <summary>Pain points recorded from now on, until cancelled.</summary>
    IAsyncEnumerable<PainPointRecord> WatchPainPointsAsync(CancellationToken ct = default);

    Task<bool> PingAsync(CancellationToken ct = default);
}

public sealed record Registration(Guid FeedbackId, bool Duplicate);

/// <summary>One analysed item; <see cref="Sentiment"/> is null when the item could not be scored (e.g. an unknown language).</summary>
public sealed record FeedRecord(Guid FeedbackId, string Stage, double? Sentiment, PainPointRecord? PainPoint);

public sealed record PainPointRecord
{
    public required Guid FeedbackId { get; init; }
    public required string Stage { get; init; }
    public required string StageReason { get; init; }
    public required string Topic { get; init; }
    public double TopicConfidence { get; init; }
    public required double Sentiment { get; init; }
    public required string SentimentLabel { get; init; }
    public required string Text { get; init; }
    public required string Channel { get; init; }
    public required string Source { get; init; }
    public required string Language { get; init; }
    public required DateTimeOffset ReceivedAt { get; init; }
}

public sealed record StageStats(string Stage, long FeedbackCount, long ScoredCount, long PainPointCount, double SentimentSum)
{
    public double AverageSentiment => ScoredCount == 0 ? 0 : SentimentSum / ScoredCount;
}

public sealed record PainPointQuery(string Stage, int Limit = 50, string? PageToken = null);

public sealed record PainPointPage(IReadOnlyList<PainPointRecord> Items, string? NextPageToken);

public sealed class InvalidPageTokenException(string token) : ArgumentException($"'{token}' is not a page token of this feed.");
