using System.Security.Cryptography;
using System.Text;
using JourneyFeedback.Aggregator;
using JourneyFeedback.Aggregator.Alerts;
using JourneyFeedback.Store;

namespace JourneyFeedback.UnitTests;

public class SeverityAndSpikeTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 20, 12, 0, 0, TimeSpan.Zero);

    private static PainPointSummary Pain(long count, double averageSentiment, DateTimeOffset lastSeen, long strong = 0) => new()
    {
        Id = "p", Stage = "purchase", Topic = "delivery", Count = count, SentimentSum = averageSentiment * count, StrongSignals = strong,
        FirstSeen = lastSeen, LastSeen = lastSeen, Channels = new Dictionary<string, long>(), Languages = new Dictionary<string, long>(),
        Segments = new Dictionary<string, long>(),
        Latest = new PainPointRecord
        {
            FeedbackId = Guid.NewGuid(), Stage = "purchase", StageReason = "topic-rule", Topic = "delivery", Sentiment = averageSentiment,
            SentimentLabel = "negative", Text = "late", Channel = "ticket", Source = "t", Language = "en", ReceivedAt = lastSeen,
        },
    };

    [Fact]
    public void SeverityFollowsTheDocumentedFormula()
    {
        // 100 × 0.8 × log2(1 + 1000) / log2(1001) × 1 × (1 + 0.5)
        Assert.Equal(120, Severity.Of(Pain(1000, -0.8, Now, strong: 500), Now), 1);
        Assert.Equal(100 * 0.8 * Math.Log2(2) / Math.Log2(1001), Severity.Of(Pain(1, -0.8, Now), Now), 2);
    }

    [Fact]
    public void SeverityGrowsWithVolumeNegativityAndSignalsAndDecaysWithAge()
    {
        var baseline = Severity.Of(Pain(10, -0.5, Now), Now);
        Assert.True(Severity.Of(Pain(100, -0.5, Now), Now) > baseline);
        Assert.True(Severity.Of(Pain(10, -0.9, Now), Now) > baseline);
        Assert.True(Severity.Of(Pain(10, -0.5, Now, strong: 5), Now) > baseline);
        Assert.Equal(baseline / 2, Severity.Of(Pain(10, -0.5, Now.AddHours(-Severity.HalfLifeHours)), Now), 1);
        Assert.Equal(0, Severity.Of(Pain(10, 0.3, Now), Now));
    }

    [Theory]
    [InlineData(5, 0, "new")]
    [InlineData(6, 3, "rising")]
    [InlineData(1, 5, "falling")]
    [InlineData(4, 4, "steady")]
    [InlineData(3, 2, "steady")]
    public void TrendComparesTheWindowWithTheOneBefore(long current, long previous, string trend) =>
        Assert.Equal(trend, Trend.Of(current, previous));

    [Fact]
    public void ThePoissonTailMatchesKnownValues()
    {
        Assert.Equal(1 - Math.Exp(-2), SpikeTest.UpperTail(2, 1), 9);
        // P(X ≥ 10 | λ = 2) ≈ 4.6e-5
        Assert.Equal(4.65e-5, SpikeTest.UpperTail(2, 10), 6);
    }

    private static Dictionary<long, long> Hourly(long currentHour, long current, long perHourBefore) =>
        Enumerable.Range(0, SpikeTest.BaselineHours + 1).ToDictionary(i => currentHour - i, i => i == 0 ? current : perHourBefore);

    [Fact]
    public void AJumpFarAboveTheBaselineIsASpike() => Assert.True(SpikeTest.IsSpike(Hourly(1000, 12, 1), 1000));

    [Fact]
    public void ABusyButSteadyPainPointIsNoSpike() => Assert.False(SpikeTest.IsSpike(Hourly(1000, 12, 10), 1000));

    [Fact]
    public void FewerThanTheMinimumCountIsNeverASpike() => Assert.False(SpikeTest.IsSpike(Hourly(1000, SpikeTest.MinCount - 1, 0), 1000));

    [Fact]
    public void ABrandNewPainPointWithTheMinimumCountSpikes() => Assert.True(SpikeTest.IsSpike(Hourly(1000, SpikeTest.MinCount, 0), 1000));

    [Fact]
    public void WebhookSignaturesFollowStandardWebhooks()
    {
        var key = RandomNumberGenerator.GetBytes(24);
        var secret = "whsec_" + Convert.ToBase64String(key);
        var expected = "v1," + Convert.ToBase64String(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes("msg_1.1700000000.{\"a\":1}")));
        Assert.Equal(expected, StandardWebhookSigner.Sign(secret, "msg_1", 1700000000, "{\"a\":1}"));
        Assert.False(StandardWebhookSigner.TryKey("not-a-secret", out _));
    }
}
