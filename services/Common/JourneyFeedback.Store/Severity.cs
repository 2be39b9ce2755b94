namespace JourneyFeedback.Store;

/// <summary>
/// severity = 100 × negativity × volume × recency × signals, where
/// negativity = clamp(−average sentiment, 0, 1); volume = log2(1 + count) / log2(1 + 1000), capped at 1;
/// recency = 0.5 ^ (hours since last seen / 72); signals = 1 + share of mentions from NPS detractors or
/// high/urgent tickets (so 1…2). Hence 0…200; one strongly negative mention seen now scores about 10.
/// </summary>
public static class Severity
{
    public const double HalfLifeHours = 72;

    public static double Of(PainPointSummary p, DateTimeOffset now)
    {
        var negativity = Math.Clamp(-p.AverageSentiment, 0, 1);
        var volume = Math.Min(1, Math.Log2(1 + p.Count) / Math.Log2(1 + 1000));
        var hours = Math.Max(0, (now - p.LastSeen).TotalHours);
        var recency = Math.Pow(0.5, hours / HalfLifeHours);
        var signals = 1 + (p.Count == 0 ? 0 : (double)p.StrongSignals / p.Count);
        return Math.Round(100 * negativity * volume * recency * signals, 2);
    }
}
