using JourneyFeedback.IntegrationTests.Infrastructure;
using JourneyFeedback.Store;
using StackExchange.Redis;

namespace JourneyFeedback.IntegrationTests;

/// <summary>What every <see cref="IFeedbackStore"/> must do; run against the in-process store and Redis.</summary>
public abstract class FeedbackStoreContract
{
    protected abstract IFeedbackStore Store { get; }

    private static readonly DateTimeOffset T0 = new(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);

    private static PainPointRecord Pain(string stage, DateTimeOffset at, Guid? id = null) => new()
    {
        FeedbackId = id ?? Guid.NewGuid(),
        Stage = stage,
        StageReason = "topic-rule",
        Topic = "delivery",
        TopicConfidence = 0.9,
        Sentiment = -0.7,
        SentimentLabel = "negative",
        Text = "parcel lost again",
        Channel = "ticket",
        Source = "test",
        Language = "en",
        ReceivedAt = at,
    };

    private static FeedRecord Record(PainPointRecord pain) => new(pain.FeedbackId, pain.Stage, pain.Sentiment, pain);

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
        var pains = Enumerable.Range(0, 7).Select(i => Pain("retention", T0.AddSeconds(i))).ToList();
        // Two share a timestamp: both must still be served exactly once.
        pains.Add(Pain("retention", T0.AddSeconds(3)));
        foreach (var p in pains) await Store.RecordAsync(Record(p));
        await Store.RecordAsync(Record(Pain("purchase", T0.AddSeconds(10))));

        var seen = new List<PainPointRecord>();
        string? token = null;
        var pages = 0;
        do
        {
            var page = await Store.ListPainPointsAsync(new PainPointQuery("retention", 3, token));
            Assert.InRange(page.Items.Count, 1, 3);
            seen.AddRange(page.Items);
            token = page.NextPageToken;
            // A pain point recorded while paging shows up on top, not in the middle of later pages.
            if (pages++ == 0) await Store.RecordAsync(Record(Pain("retention", T0.AddMinutes(5))));
        } while (token is not null);

        Assert.Equal(3, pages);
        Assert.Equal(pains.Select(p => p.FeedbackId).Order(), seen.Select(p => p.FeedbackId).Order());
        Assert.Equal(seen.OrderByDescending(p => p.ReceivedAt).Select(p => p.ReceivedAt), seen.Select(p => p.ReceivedAt));
        Assert.Equal("parcel lost again", seen[0].Text);
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
