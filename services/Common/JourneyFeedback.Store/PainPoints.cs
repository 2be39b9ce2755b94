namespace JourneyFeedback.Store;

/// <summary>
/// A pain point: every mention at one stage and topic whose wording is similar (see <see cref="Wording"/>),
/// across channels and languages. Its id is the feedback id of its first mention.
/// </summary>
public sealed record PainPointSummary
{
    public required string Id { get; init; }
    public required string Stage { get; init; }
    public required string Topic { get; init; }
    public required long Count { get; init; }
    public required double SentimentSum { get; init; }
    public required long StrongSignals { get; init; }
    public required DateTimeOffset FirstSeen { get; init; }
    public required DateTimeOffset LastSeen { get; init; }
    public required IReadOnlyDictionary<string, long> Channels { get; init; }
    public required IReadOnlyDictionary<string, long> Languages { get; init; }
    public required IReadOnlyDictionary<string, long> Segments { get; init; }
    /// <summary>The newest mention: its text, channel and stage reason stand for the pain point in lists.</summary>
    public required PainPointRecord Latest { get; init; }
    /// <summary>Mentions per whole hour since the epoch, for the hours the query asked about (trend, spikes).</summary>
    public IReadOnlyDictionary<long, long> Hourly { get; init; } = new Dictionary<long, long>();

    public double AverageSentiment => Count == 0 ? 0 : SentimentSum / Count;
}

public sealed record PainPointDetail(PainPointSummary PainPoint, IReadOnlyList<PainPointRecord> Verbatims);

/// <summary>Stage required; <see cref="Hours"/> are the hour buckets to return per pain point.</summary>
public sealed record PainPointQuery(string Stage, int Limit = 50, string? PageToken = null)
{
    public string? Topic { get; init; }
    public string? Channel { get; init; }
    public string? Language { get; init; }
    public string? Segment { get; init; }
    public IReadOnlyList<long> Hours { get; init; } = [];
}

public sealed record PainPointPage(IReadOnlyList<PainPointSummary> Items, string? NextPageToken);

public static class Hours
{
    public static long Of(DateTimeOffset at) => at.ToUnixTimeSeconds() / 3600;

    /// <summary>The <paramref name="count"/> whole hours ending with the one holding <paramref name="now"/>.</summary>
    public static IReadOnlyList<long> Ending(DateTimeOffset now, int count) =>
        Enumerable.Range(0, count).Select(i => Of(now) - count + 1 + i).ToList();
}
