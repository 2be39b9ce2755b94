namespace JourneyFeedback.Store;

/// <summary>
/// One analysed item; <see cref="Sentiment"/> is null when the item could not be scored (e.g. an unknown language).
/// The optional members feed the windowed stage metrics.
/// </summary>
public sealed record FeedRecord(Guid FeedbackId, string Stage, double? Sentiment, PainPointRecord? PainPoint)
{
    public string Channel { get; init; } = "";
    public string Language { get; init; } = "";
    public string? Segment { get; init; }
    public string? Emotion { get; init; }
    public string SentimentLabel { get; init; } = "";
    public int? Nps { get; init; }
    public int? Csat { get; init; }
    public int? Ces { get; init; }
    public DateTimeOffset ReceivedAt { get; init; } = DateTimeOffset.UtcNow;
}

/// <summary>One mention of a pain point: the feedback it came from, in the customer's (redacted) words.</summary>
public sealed record PainPointRecord
{
    public required Guid FeedbackId { get; init; }
    public required string Stage { get; init; }
    public required string StageReason { get; init; }
    /// <summary>The stage model's probability of <see cref="Stage"/> when the model chose it; null for the rules.</summary>
    public double? StageConfidence { get; init; }
    public required string Topic { get; init; }
    public double TopicConfidence { get; init; }
    public required double Sentiment { get; init; }
    public required string SentimentLabel { get; init; }
    public required string Text { get; init; }
    public required string Channel { get; init; }
    public required string Source { get; init; }
    public required string Language { get; init; }
    public required DateTimeOffset ReceivedAt { get; init; }
    public string? Segment { get; init; }
    public string? Emotion { get; init; }
    public int? Nps { get; init; }
    public string? Priority { get; init; }

    /// <summary>An NPS detractor (0–6) or a high/urgent ticket: the customer signals that weigh severity.</summary>
    public bool StrongSignal => Nps is <= 6 || Priority is "high" or "urgent";
}

public sealed record StageStats(string Stage, long FeedbackCount, long ScoredCount, long PainPointCount, double SentimentSum)
{
    public double AverageSentiment => ScoredCount == 0 ? 0 : SentimentSum / ScoredCount;
}
