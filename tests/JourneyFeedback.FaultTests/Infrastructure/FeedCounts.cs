using StackExchange.Redis;

namespace JourneyFeedback.FaultTests.Infrastructure;

/// <summary>What the feed counted, read straight from Redis: the stage counters and each item's done marker.</summary>
public sealed class FeedCounts(IConnectionMultiplexer redis, string prefix = "jf:") : IAsyncDisposable
{
    public static async Task<FeedCounts> ConnectAsync(string redisUrl)
    {
        var uri = new Uri(redisUrl);
        var options = ConfigurationOptions.Parse($"{uri.Host}:{uri.Port}");
        options.AbortOnConnectFail = false;
        return new FeedCounts(await ConnectionMultiplexer.ConnectAsync(options));
    }

    private IDatabase Db => redis.GetDatabase();

    /// <summary>The sum of every stage's feedback count.</summary>
    public async Task<long> CountedAsync()
    {
        long total = 0;
        foreach (var stage in await Db.SetMembersAsync($"{prefix}stages"))
            total += (long)(await Db.HashGetAsync($"{prefix}stage:{stage}", "feedback"));
        return total;
    }

    /// <summary>The ids among <paramref name="ids"/> the Aggregator has not recorded.</summary>
    public async Task<List<Guid>> NotRecordedAsync(IReadOnlyCollection<Guid> ids)
    {
        var batch = Db.CreateBatch();
        var checks = ids.Select(id => (id, exists: batch.KeyExistsAsync($"{prefix}done:{id}"))).ToList();
        batch.Execute();
        await Task.WhenAll(checks.Select(c => c.exists));
        return [.. checks.Where(c => !c.exists.Result).Select(c => c.id)];
    }

    public async ValueTask DisposeAsync() => await redis.DisposeAsync();
}
