namespace JourneyFeedback.Aggregator;

public static class FeedWindow
{
    public const string Default = "day";

    /// <summary>Throws <see cref="ArgumentException"/> naming "window" for anything but hour, day or week.</summary>
    public static int Hours(string? window) => (string.IsNullOrEmpty(window) ? Default : window) switch
    {
        "hour" => 1,
        "day" => 24,
        "week" => 168,
        _ => throw new ArgumentException("must be hour, day or week", "window"),
    };

    public static string Name(string? window) => string.IsNullOrEmpty(window) ? Default : window;
}

/// <summary>
/// trend: "new" when the previous window had no mention; "rising" when (current + 1) / (previous + 1) ≥ 1.5;
/// "falling" when it is ≤ 2/3; else "steady". The +1 keeps one or two mentions from swinging it.
/// </summary>
public static class Trend
{
    public static string Of(long current, long previous) =>
        previous == 0 && current > 0 ? "new"
        : (current + 1.0) / (previous + 1.0) >= 1.5 ? "rising"
        : (current + 1.0) / (previous + 1.0) <= 2.0 / 3 ? "falling"
        : "steady";
}
