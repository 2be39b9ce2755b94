namespace JourneyFeedback.Contracts;

/// <summary>Ingestion accepted an item; Analysis classifies it.</summary>
public sealed record FeedbackReceived(FeedbackItem Feedback);

public sealed record SentimentResult(string Label, double Score, double Confidence);

public sealed record TopicScore(string Name, double Confidence);

/// <summary>A clause of the text with its own topic and sentiment.</summary>
public sealed record AspectResult(string Text, string Topic, SentimentResult Sentiment);

public sealed record AnalysisResult
{
    public required string Language { get; init; }
    public required SentimentResult Sentiment { get; init; }
    public IReadOnlyList<TopicScore> Topics { get; init; } = [];
    public IReadOnlyList<AspectResult> Aspects { get; init; } = [];
    public string? Emotion { get; init; }
    /// <summary>The emotion model's probability of <see cref="Emotion"/>; null with no emotion.</summary>
    public double? EmotionConfidence { get; init; }
    public string? StageHint { get; init; }
    /// <summary>The stage model's probability of <see cref="StageHint"/>; null with no hint.</summary>
    public double? StageConfidence { get; init; }
    public required string ModelVersion { get; init; }
}

/// <summary>Analysis classified an item; the Aggregator files it under a journey stage.</summary>
public sealed record FeedbackAnalyzed(FeedbackItem Feedback, AnalysisResult Analysis);

/// <summary>The Aggregator recorded a pain point at a journey stage.</summary>
public sealed record PainPointTagged(
    Guid FeedbackId,
    string Stage,
    string StageReason,
    string Topic,
    double Sentiment,
    string Channel,
    string Source,
    DateTimeOffset ReceivedAt);

/// <summary>
/// A pain point's mentions in the current hour are beyond its baseline (the Aggregator's Poisson test); raised
/// once per pain point per cooldown.
/// </summary>
public sealed record PainPointSpiked(
    string PainPointId,
    string Stage,
    string Topic,
    string Text,
    long CurrentHourCount,
    double BaselinePerHour,
    double Severity,
    DateTimeOffset DetectedAt);
