namespace JourneyFeedback.Aggregator;

/// <summary>
/// A pain point spikes when the mentions in the current hour, x, are at least <see cref="MinCount"/> and would be
/// very unlikely if mentions arrived at the baseline rate: P(X ≥ x) &lt; <see cref="Alpha"/> for X ~ Poisson(λ),
/// λ = the mean per hour over the <see cref="BaselineHours"/> hours before, floored at <see cref="MinRate"/> so a
/// brand-new pain point needs the minimum count, not one mention, to count as a spike.
/// </summary>
public static class SpikeTest
{
    public const int BaselineHours = 24;
    public const int MinCount = 5;
    public const double Alpha = 0.001;
    public const double MinRate = 0.25;
    public const int HoursNeeded = BaselineHours + 1;

    public static bool IsSpike(IReadOnlyDictionary<long, long> hourly, long currentHour)
    {
        var current = hourly.GetValueOrDefault(currentHour);
        if (current < MinCount) return false;
        var baseline = Enumerable.Range(1, BaselineHours).Sum(i => hourly.GetValueOrDefault(currentHour - i)) / (double)BaselineHours;
        return UpperTail(Math.Max(baseline, MinRate), current) < Alpha;
    }

    /// <summary>P(X ≥ k) for X ~ Poisson(λ), as 1 − P(X ≤ k − 1), summed in log space to stay finite.</summary>
    public static double UpperTail(double lambda, long k)
    {
        if (k <= 0) return 1;
        double term = Math.Exp(-lambda), cdf = term;
        for (var i = 1; i < k; i++)
        {
            term *= lambda / i;
            cdf += term;
        }
        return Math.Max(0, 1 - cdf);
    }
}
