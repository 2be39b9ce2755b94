using JourneyFeedback.IntegrationTests.Infrastructure;
using JourneyFeedback.Store;
using StackExchange.Redis;

namespace JourneyFeedback.IntegrationTests;

/// <summary>What every <see cref="IFeedbackStore"/> must do; run against the in-process store and Redis.</summary>
public abstract class FeedbackStoreContract
{
    protected abstract IFeedbackStore Store { get; }

    private static readonly DateTimeOffset T0 = new(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);

    private static PainPointRecord Pain(string stage, DateTimeOffset at, Guid? id = null, string topic = "delivery",
        string text = "parcel lost again", string channel = "ticket", string language = "en") => new()
    {
        FeedbackId = id ?? Guid.NewGuid(),
        Stage = stage,
        StageReason = "topic-rule",
        Topic = topic,
        TopicConfidence = 0.9,
        Sentiment = -0.7,
        SentimentLabel = "negative",
        Text = text,
        Channel = channel,
        Source = "test",
        Language = language,
        ReceivedAt = at,
    };

    private static FeedRecord Record(PainPointRecord pain) => new(pain.FeedbackId, pain.Stage, pain.Sentiment, pain)
    {
        Channel = pain.Channel, Language = pain.Language, SentimentLabel = "negative", ReceivedAt = pain.ReceivedAt,
    };

    [Fact]
    public async Task RegisterClaimsAnExternalIdOnceAndReturnsTheOriginalId()
    {
        var (first, second) = (Guid.NewGuid(), Guid.NewGuid());
        Assert.Equal(new Registration(first, false), await Store.RegisterAsync("zendesk", "T-1", first));
        Assert.Equal(new Registration(first, true), await Store.RegisterAsync("zendesk", "T-1", second));
        Assert.Equal(new Registration(second, false), await Store.RegisterAsync("freshdesk", "T-1", second));
    }

    [Fact]
    public async Task ForgetReleasesOnlyTheClaimOfTheSameItem()
    {
        var (first, other) = (Guid.NewGuid(), Guid.NewGuid());
        await Store.RegisterAsync("s", "x", first);
        await Store.ForgetAsync("s", "x", other);
        Assert.True((await Store.RegisterAsync("s", "x", other)).Duplicate);
        await Store.ForgetAsync("s", "x", first);
        Assert.False((await Store.RegisterAsync("s", "x", other)).Duplicate);
    }

    [Fact]
    public async Task AnItemIsCountedOnceHoweverOftenItIsRecorded()
    {
        var pain = Pain("purchase", T0);
        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Store.RecordAsync(Record(pain))));
        Assert.Equal(1, results.Count(r => r));
        Assert.True(await Store.RecordAsync(new FeedRecord(Guid.NewGuid(), "purchase", 0.5, null)));

        var purchase = (await Store.GetStageStatsAsync()).Single(s => s.Stage == "purchase");
        Assert.Equal((2L, 2L, 1L), (purchase.FeedbackCount, purchase.ScoredCount, purchase.PainPointCount));
        Assert.Equal(-0.1, purchase.AverageSentiment, 6);
        Assert.Single((await Store.ListPainPointsAsync(new PainPointQuery("purchase"))).Items);
    }

    [Fact]
    public async Task UnscoredFeedbackCountsAsVolumeButNotInTheAverage()
    {
        await Store.RecordAsync(new FeedRecord(Guid.NewGuid(), "awareness", null, null));
        await Store.RecordAsync(new FeedRecord(Guid.NewGuid(), "awareness", 0.4, null));
        var awareness = (await Store.GetStageStatsAsync()).Single(s => s.Stage == "awareness");
        Assert.Equal((2L, 1L, 0L), (awareness.FeedbackCount, awareness.ScoredCount, awareness.PainPointCount));
        Assert.Equal(0.4, awareness.AverageSentiment, 6);
    }

    [Fact]
    public async Task PainPointsComeNewestFirstInStablePages()
    {
        // Each on its own topic, so none merges with another.
        var pains = Enumerable.Range(0, 7).Select(i => Pain("retention", T0.AddSeconds(i), topic: $"t{i}")).ToList();
        // Two share a timestamp: both must still be served exactly once.
        pains.Add(Pain("retention", T0.AddSeconds(3), topic: "t7"));
        foreach (var p in pains) await Store.RecordAsync(Record(p));
        await Store.RecordAsync(Record(Pain("purchase", T0.AddSeconds(10))));

        var seen = new List<PainPointSummary>();
        string? token = null;
        var pages = 0;
        do
        {
            var page = await Store.ListPainPointsAsync(new PainPointQuery("retention", 3, token));
            Assert.InRange(page.Items.Count, 1, 3);
            seen.AddRange(page.Items);
            token = page.NextPageToken;
            // A pain point recorded while paging shows up on top, not in the middle of later pages.
            if (pages++ == 0) await Store.RecordAsync(Record(Pain("retention", T0.AddMinutes(5), topic: "t8")));
        } while (token is not null);

        Assert.Equal(3, pages);
        Assert.Equal(pains.Select(p => p.FeedbackId.ToString()).Order(), seen.Select(p => p.Id).Order());
        Assert.Equal(seen.OrderByDescending(p => p.LastSeen).Select(p => p.LastSeen), seen.Select(p => p.LastSeen));
        Assert.Equal("parcel lost again", seen[0].Latest.Text);
    }

    [Fact]
    public async Task AStageWithoutPainPointsListsNothing()
    {
        var page = await Store.ListPainPointsAsync(new PainPointQuery("advocacy"));
        Assert.Empty(page.Items);
        Assert.Null(page.NextPageToken);
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("MTIzfG5vdC1hLWd1aWQ")]
    public async Task AForeignPageTokenIsRejected(string token) =>
        await Assert.ThrowsAsync<InvalidPageTokenException>(() => Store.ListPainPointsAsync(new PainPointQuery("purchase", 10, token)));

    [Fact]
    public async Task WatchersSeeNewPainPoints()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await using var watch = Store.WatchPainPointsAsync(cts.Token).GetAsyncEnumerator(cts.Token);
        var next = watch.MoveNextAsync().AsTask();
        var pain = Pain("consideration", T0);
        // The subscription may still be registering: keep recording new pain points until one arrives.
        for (var i = 0; !next.IsCompleted && i < 100; i++)
        {
            await Store.RecordAsync(Record(i == 0 ? pain : Pain("consideration", T0.AddSeconds(i))));
            await Task.WhenAny(next, Task.Delay(100, cts.Token));
        }
        Assert.True(await next);
        Assert.Equal("consideration", watch.Current.Stage);
    }

    [Fact]
    public async Task MentionsOfOneProblemAcrossChannelsMergeIntoOnePainPoint()
    {
        var ticket = Pain("purchase", T0, topic: "checkout_payment", text: "The checkout keeps rejecting my card", channel: "ticket");
        var review = Pain("purchase", T0.AddHours(2), topic: "checkout_payment", text: "Checkout rejected my card three times!", channel: "review");
        var tweet = Pain("purchase", T0.AddHours(1), topic: "checkout_payment", text: "@shop checkout rejecting cards again", channel: "social");
        foreach (var p in new[] { ticket, review, tweet }) await Store.RecordAsync(Record(p));

        var pain = Assert.Single((await Store.ListPainPointsAsync(new PainPointQuery("purchase"))).Items);
        Assert.Equal((ticket.FeedbackId.ToString(), 3L), (pain.Id, pain.Count));
        Assert.Equal(["review", "social", "ticket"], pain.Channels.Keys.Order());
        Assert.Equal((T0, T0.AddHours(2)), (pain.FirstSeen, pain.LastSeen));
        Assert.Equal(review.FeedbackId, pain.Latest.FeedbackId);
        Assert.Equal(-0.7, pain.AverageSentiment, 6);
        Assert.Equal(pain.Id, await Store.PainPointOfAsync(tweet.FeedbackId));

        var detail = await Store.GetPainPointAsync(pain.Id, 2, T0.AddHours(2));
        Assert.Equal([tweet.FeedbackId, review.FeedbackId], detail!.Verbatims.Select(v => v.FeedbackId));
        Assert.Equal(1, detail.PainPoint.Hourly[Hours.Of(T0.AddHours(2))]);
        Assert.Null(await Store.GetPainPointAsync("no-such-id", 5, T0));
    }

    [Fact]
    public async Task AModelChosenStageKeepsItsConfidenceAndARuleHasNone()
    {
        var ruled = Pain("purchase", T0, topic: "checkout_payment", text: "The checkout keeps rejecting my card");
        var modelled = Pain("purchase", T0.AddMinutes(1), topic: "checkout_payment", text: "Checkout rejected my card again") with
        {
            StageReason = "model", StageConfidence = 0.8731,
        };
        foreach (var p in new[] { ruled, modelled }) await Store.RecordAsync(Record(p));

        var pain = Assert.Single((await Store.ListPainPointsAsync(new PainPointQuery("purchase"))).Items);
        Assert.Equal(("model", 0.8731), (pain.Latest.StageReason, pain.Latest.StageConfidence));
        var detail = await Store.GetPainPointAsync(pain.Id, 5, T0.AddMinutes(1));
        // Newest mention first.
        Assert.Equal([("model", 0.8731), ("topic-rule", (double?)null)], detail!.Verbatims.Select(v => (v.StageReason, v.StageConfidence)));
    }

    [Fact]
    public async Task DifferentWordingOnOneTopicStaysASeparatePainPoint()
    {
        await Store.RecordAsync(Record(Pain("retention", T0, topic: "account_login", text: "Password reset email never arrives")));
        await Store.RecordAsync(Record(Pain("retention", T0.AddMinutes(1), topic: "account_login", text: "The app logs me out every single day")));
        await Store.RecordAsync(Record(Pain("retention", T0.AddMinutes(2), topic: "account_login", text: "Still no password reset email arriving")));

        var items = (await Store.ListPainPointsAsync(new PainPointQuery("retention"))).Items;
        Assert.Equal([2L, 1L], items.Select(p => p.Count).OrderDescending());
    }

    [Fact]
    public async Task AMentionInAnotherLanguageJoinsItsTopicsLargestPainPoint()
    {
        await Store.RecordAsync(Record(Pain("purchase", T0, topic: "delivery", text: "Parcel delivery is late again")));
        await Store.RecordAsync(Record(Pain("purchase", T0.AddMinutes(1), topic: "delivery", text: "Delivery late, parcel missing")));
        await Store.RecordAsync(Record(Pain("purchase", T0.AddMinutes(2), topic: "delivery", text: "Przesyłka znowu się spóźnia", language: "pl", channel: "review")));
        await Store.RecordAsync(Record(Pain("purchase", T0.AddMinutes(3), topic: "delivery", text: "Zásilka opět přišla pozdě", language: "cs", channel: "social")));

        var pain = Assert.Single((await Store.ListPainPointsAsync(new PainPointQuery("purchase"))).Items);
        Assert.Equal(4, pain.Count);
        Assert.Equal(["cs", "en", "pl"], pain.Languages.Keys.Order());
    }

    [Fact]
    public async Task ConcurrentRedeliveriesOfMergingMentionsAreCountedOnce()
    {
        var pains = Enumerable.Range(0, 10)
            .Select(i => Pain("awareness", T0.AddSeconds(i), topic: "ads_discovery", text: $"Misleading advert price shown {i}"))
            .ToList();
        await Task.WhenAll(pains.SelectMany(p => Enumerable.Range(0, 4).Select(_ => Store.RecordAsync(Record(p)))));

        var pain = Assert.Single((await Store.ListPainPointsAsync(new PainPointQuery("awareness"))).Items);
        Assert.Equal(10, pain.Count);
        Assert.Equal(10, (await Store.GetStageStatsAsync()).Single(s => s.Stage == "awareness").PainPointCount);
    }

    [Fact]
    public async Task PainPointsFilterByChannelLanguageAndTopic()
    {
        await Store.RecordAsync(Record(Pain("retention", T0, topic: "billing", text: "Charged twice this month", channel: "review")));
        await Store.RecordAsync(Record(Pain("retention", T0.AddMinutes(1), topic: "returns_refunds", text: "Vrácení peněz trvá věčnost", language: "cs")));

        Assert.Equal("billing", Assert.Single((await Store.ListPainPointsAsync(new PainPointQuery("retention") { Channel = "review" })).Items).Topic);
        Assert.Equal("returns_refunds", Assert.Single((await Store.ListPainPointsAsync(new PainPointQuery("retention") { Language = "cs" })).Items).Topic);
        Assert.Empty((await Store.ListPainPointsAsync(new PainPointQuery("retention") { Topic = "delivery" })).Items);
    }

    [Fact]
    public async Task StageMetricsSumTheirWindowAndNarrowByOneDimension()
    {
        FeedRecord Survey(int hourOffset, string channel, string language, int nps, int csat, string emotion, double sentiment) =>
            new(Guid.NewGuid(), "retention", sentiment, null)
            {
                Channel = channel, Language = language, Segment = "smb", Emotion = emotion, Nps = nps, Csat = csat, Ces = 3,
                SentimentLabel = sentiment < 0 ? "negative" : "positive", ReceivedAt = T0.AddHours(hourOffset),
            };
        await Store.RecordAsync(Survey(0, "survey", "en", 10, 5, "delight", 0.8));
        await Store.RecordAsync(Survey(0, "survey", "pl", 2, 1, "frustration", -0.6));
        await Store.RecordAsync(Survey(1, "review", "en", 3, 2, "frustration", -0.4));
        await Store.RecordAsync(Survey(30, "review", "en", 9, 5, "delight", 0.9));

        var day = (await Store.GetStageMetricsAsync(new MetricsQuery(Hours.Of(T0), Hours.Of(T0) + 24))).Single(m => m.Stage == "retention");
        Assert.Equal(3, day.Volume);
        Assert.Equal(-0.2 / 3, day.AverageSentiment!.Value, 6);
        Assert.Equal(100.0 * (1 - 2) / 3, day.Nps!.Value, 6);
        Assert.Equal(8.0 / 3, day.Csat!.Value, 6);
        Assert.Equal(3, day.Ces!.Value, 6);
        Assert.Equal(2, day.Emotions["frustration"]);
        Assert.Equal((2L, 1L), (day.SentimentDistribution["negative"], day.SentimentDistribution["positive"]));

        var survey = (await Store.GetStageMetricsAsync(new MetricsQuery(Hours.Of(T0), Hours.Of(T0) + 24) { Channel = "survey" })).Single(m => m.Stage == "retention");
        Assert.Equal(2, survey.Volume);
        var polish = (await Store.GetStageMetricsAsync(new MetricsQuery(Hours.Of(T0), Hours.Of(T0) + 24) { Language = "pl" })).Single(m => m.Stage == "retention");
        Assert.Equal((1L, -100.0), (polish.Volume, polish.Nps!.Value));
        var segment = (await Store.GetStageMetricsAsync(new MetricsQuery(Hours.Of(T0), Hours.Of(T0) + 48) { Segment = "smb" })).Single(m => m.Stage == "retention");
        Assert.Equal(4, segment.Volume);
    }

    [Fact]
    public async Task AnAlertKeyIsClaimedOnce()
    {
        var key = $"spike:{Guid.NewGuid()}";
        var claims = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Store.ClaimOnceAsync(key, TimeSpan.FromMinutes(5))));
        Assert.Equal(1, claims.Count(c => c));
    }

    [Fact]
    public async Task PingAnswers() => Assert.True(await Store.PingAsync());
}

public sealed class InMemoryFeedbackStoreContract : FeedbackStoreContract
{
    protected override IFeedbackStore Store { get; } = new InMemoryFeedbackStore();
}

public sealed class RedisFeedbackStoreContract(Deps deps) : FeedbackStoreContract, IClassFixture<Deps>, IDisposable
{
    private readonly ConnectionMultiplexer _redis = ConnectionMultiplexer.Connect(RedisUrl.ToConfiguration(deps.RedisUrl));

    // Each test gets its own key prefix, so tests and runs never see each other's data.
    protected override IFeedbackStore Store => _store ??= new RedisFeedbackStore(_redis, new StoreOptions { KeyPrefix = $"t{Guid.NewGuid():N}"[..16] + ":" });

    private IFeedbackStore? _store;

    [Fact]
    public async Task CountsLiveInRedisUnderTheConfiguredPrefix()
    {
        var store = new RedisFeedbackStore(_redis, new StoreOptions { KeyPrefix = "probe-prefix:" });
        var id = Guid.NewGuid();
        await store.RecordAsync(new FeedRecord(id, "purchase", -0.5, null));
        Assert.True(await _redis.GetDatabase().KeyExistsAsync($"probe-prefix:done:{id}"));
        Assert.True(await _redis.GetDatabase().KeyExistsAsync("probe-prefix:stage:purchase"));
    }

    public void Dispose() => _redis.Dispose();
}
