namespace JourneyFeedback.Store;

/// <summary>One filter dimension at a time: the buckets are kept per channel, per language and per segment.</summary>
public sealed record MetricsQuery(long FromHour, long ToHour)
{
    public string? Channel { get; init; }
    public string? Language { get; init; }
    public string? Segment { get; init; }

    public string Dimension => Channel is { Length: > 0 } c ? $"ch:{c}"
        : Language is { Length: > 0 } l ? $"lang:{l}"
        : Segment is { Length: > 0 } s ? $"seg:{s}"
        : "all";
}

/// <summary>The counters of one stage over a window; averages are derived, never stored.</summary>
public sealed record StageMetrics(string Stage, IReadOnlyDictionary<string, double> Counters)
{
    private double C(string name) => Counters.GetValueOrDefault(name);

    public long Volume => (long)C("feedback");
    public long PainPoints => (long)C("pain");
    public double? AverageSentiment => C("scored") == 0 ? null : C("sentiment_sum") / C("scored");
    public IReadOnlyDictionary<string, long> SentimentDistribution => Prefixed("label:");
    public IReadOnlyDictionary<string, long> Emotions => Prefixed("emotion:");
    /// <summary>% promoters − % detractors, −100…100.</summary>
    public double? Nps => C("nps_n") == 0 ? null : 100 * (C("nps_promoters") - C("nps_detractors")) / C("nps_n");
    public long NpsResponses => (long)C("nps_n");
    public double? Csat => C("csat_n") == 0 ? null : C("csat_sum") / C("csat_n");
    public double? Ces => C("ces_n") == 0 ? null : C("ces_sum") / C("ces_n");

    private Dictionary<string, long> Prefixed(string prefix) => Counters
        .Where(c => c.Key.StartsWith(prefix, StringComparison.Ordinal))
        .ToDictionary(c => c.Key[prefix.Length..], c => (long)c.Value);

    /// <summary>The counter increments one record makes; the same list drives Redis and the in-process store.</summary>
    public static IReadOnlyList<(string Field, double By)> Increments(FeedRecord r)
    {
        var list = new List<(string, double)> { ("feedback", 1) };
        if (r.PainPoint is not null) list.Add(("pain", 1));
        if (r.Sentiment is { } s)
        {
            list.Add(("scored", 1));
            list.Add(("sentiment_sum", s));
        }
        if (r.SentimentLabel is { Length: > 0 } label) list.Add(($"label:{label}", 1));
        if (r.Emotion is { Length: > 0 } emotion) list.Add(($"emotion:{emotion}", 1));
        if (r.Nps is { } nps)
        {
            list.Add(("nps_n", 1));
            if (nps >= 9) list.Add(("nps_promoters", 1));
            if (nps <= 6) list.Add(("nps_detractors", 1));
        }
        if (r.Csat is { } csat) { list.Add(("csat_n", 1)); list.Add(("csat_sum", csat)); }
        if (r.Ces is { } ces) { list.Add(("ces_n", 1)); list.Add(("ces_sum", ces)); }
        return list;
    }

    public static IReadOnlyList<string> Dimensions(FeedRecord r)
    {
        var list = new List<string> { "all" };
        if (r.Channel is { Length: > 0 }) list.Add($"ch:{r.Channel}");
        if (r.Language is { Length: > 0 }) list.Add($"lang:{r.Language}");
        if (r.Segment is { Length: > 0 }) list.Add($"seg:{r.Segment}");
        return list;
    }
}
