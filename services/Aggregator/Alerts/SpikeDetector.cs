using JourneyFeedback.Contracts;
using JourneyFeedback.Store;

namespace JourneyFeedback.Aggregator.Alerts;

/// <summary>
/// After a mention is recorded, tests its pain point with <see cref="SpikeTest"/>. Every replica may see the same
/// spike; a claim in the store per pain point and cooldown lets exactly one of them raise it.
/// </summary>
public sealed class SpikeDetector(IFeedbackStore store, TimeProvider clock, AlertOptions options)
{
    public async Task<PainPointSpiked?> CheckAsync(Guid feedbackId, CancellationToken ct)
    {
        var id = await store.PainPointOfAsync(feedbackId, ct);
        if (id is null) return null;
        var now = clock.GetUtcNow();
        var detail = await store.GetPainPointAsync(id, 0, now, ct);
        if (detail is null) return null;
        var hour = Hours.Of(now);
        if (!SpikeTest.IsSpike(detail.PainPoint.Hourly, hour)) return null;
        if (!await store.ClaimOnceAsync($"spike:{id}", options.Cooldown, ct)) return null;
        var p = detail.PainPoint;
        var baseline = Enumerable.Range(1, SpikeTest.BaselineHours).Sum(i => p.Hourly.GetValueOrDefault(hour - i)) / (double)SpikeTest.BaselineHours;
        return new PainPointSpiked(p.Id, p.Stage, p.Topic, p.Latest.Text, p.Hourly.GetValueOrDefault(hour), baseline, Severity.Of(p, now), now);
    }
}
