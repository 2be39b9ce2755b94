using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using StackExchange.Redis;

namespace JourneyFeedback.Store;

/// <summary>
/// The feed in Redis. Every key starts with the configured prefix; each recorded item is checked and
/// counted by one Lua script, so a redelivered message can never be counted twice.
/// </summary>
public sealed class RedisFeedbackStore(IConnectionMultiplexer redis, StoreOptions options) : IFeedbackStore
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private const string RegisterScript = """
        local existing = redis.call('GET', KEYS[1])
        if existing then return existing end
        redis.call('SET', KEYS[1], ARGV[1], 'EX', ARGV[2])
        return false
        """;

    private const string ForgetScript = """
        if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
        return 0
        """;

    // KEYS: done marker, stage hash, stage pain index, pain point, stage set
    // ARGV: stage, sentiment ('' when unscored), is pain point, pain json, score, member, retention seconds, pubsub channel
    private const string RecordScript = """
        if not redis.call('SET', KEYS[1], '1', 'NX', 'EX', ARGV[7]) then return 0 end
        redis.call('SADD', KEYS[5], ARGV[1])
        redis.call('HINCRBY', KEYS[2], 'feedback', 1)
        if ARGV[2] ~= '' then
          redis.call('HINCRBY', KEYS[2], 'scored', 1)
          redis.call('HINCRBYFLOAT', KEYS[2], 'sentiment_sum', ARGV[2])
        end
        if ARGV[3] == '1' then
          redis.call('HINCRBY', KEYS[2], 'pain_points', 1)
          redis.call('SET', KEYS[4], ARGV[4])
          redis.call('ZADD', KEYS[3], ARGV[5], ARGV[6])
          redis.call('PUBLISH', ARGV[8], ARGV[4])
        end
        return 1
        """;

    private IDatabase Db => redis.GetDatabase();
    private string P => options.KeyPrefix;
    private RedisChannel PainChannel => RedisChannel.Literal($"{P}painpoints");
    private long RetentionSeconds => (long)TimeSpan.FromDays(options.RetentionDays).TotalSeconds;

    public async Task<Registration> RegisterAsync(string source, string externalId, Guid candidateId, CancellationToken ct = default)
    {
        var existing = await Db.ScriptEvaluateAsync(RegisterScript,
            [$"{P}ext:{source}:{externalId}"], [candidateId.ToString(), RetentionSeconds]);
        return existing.IsNull
            ? new Registration(candidateId, Duplicate: false)
            : new Registration(Guid.Parse((string)existing!), Duplicate: true);
    }

    public Task ForgetAsync(string source, string externalId, Guid feedbackId, CancellationToken ct = default) =>
        Db.ScriptEvaluateAsync(ForgetScript, [$"{P}ext:{source}:{externalId}"], [feedbackId.ToString()]);

    public async Task<bool> RecordAsync(FeedRecord record, CancellationToken ct = default)
    {
        var id = record.FeedbackId.ToString();
        var pain = record.PainPoint;
        RedisResult result;
        try
        {
            result = await Db.ScriptEvaluateAsync(RecordScript,
            [$"{P}done:{id}", StageKey(record.Stage), PainIndexKey(record.Stage), $"{P}pp:{id}", $"{P}stages"],
            [
                record.Stage,
                record.Sentiment?.ToString("R", CultureInfo.InvariantCulture) ?? "",
                pain is null ? "0" : "1",
                pain is null ? "" : JsonSerializer.Serialize(pain, Json),
                pain is null ? 0 : PageCursor.ScoreOf(pain.ReceivedAt),
                id,
                RetentionSeconds,
                PainChannel.ToString(),
            ]);
        }
        catch (Exception e) when (e is RedisConnectionException or RedisTimeoutException)
        {
            throw new StoreUnavailableException($"Redis is unreachable; feedback {id} was not recorded.", e);
        }
        return (long)result == 1;
    }

    public async Task<IReadOnlyList<StageStats>> GetStageStatsAsync(CancellationToken ct = default)
    {
        var stages = await Db.SetMembersAsync($"{P}stages");
        var stats = new List<StageStats>(stages.Length);
        foreach (var stage in stages.Select(s => s.ToString()))
        {
            var fields = (await Db.HashGetAllAsync(StageKey(stage))).ToDictionary(e => e.Name.ToString(), e => e.Value);
            stats.Add(new StageStats(stage,
                (long)fields.GetValueOrDefault("feedback", 0),
                (long)fields.GetValueOrDefault("scored", 0),
                (long)fields.GetValueOrDefault("pain_points", 0),
                (double)fields.GetValueOrDefault("sentiment_sum", 0)));
        }
        return stats;
    }

    public async Task<PainPointPage> ListPainPointsAsync(PainPointQuery query, CancellationToken ct = default)
    {
        var cursor = PageCursor.Decode(query.PageToken);
        var items = new List<(double Score, string Id)>(query.Limit + 1);
        var max = cursor?.Score ?? double.PositiveInfinity;
        // Items sharing the cursor's score come back again; skip them, fetching more when ties fill a batch.
        for (var skip = 0; items.Count <= query.Limit;)
        {
            var batch = await Db.SortedSetRangeByScoreWithScoresAsync(PainIndexKey(query.Stage),
                start: max, stop: double.NegativeInfinity, order: Order.Descending, skip: skip, take: query.Limit + 1);
            foreach (var e in batch)
            {
                var id = e.Element.ToString();
                if (cursor is not { } c || c.IsBefore(e.Score, id)) items.Add((e.Score, id));
            }
            if (batch.Length < query.Limit + 1) break;
            skip += batch.Length;
        }

        var page = items.Take(query.Limit).ToList();
        var values = page.Count == 0 ? [] : await Db.StringGetAsync(page.Select(e => (RedisKey)$"{P}pp:{e.Id}").ToArray());
        var records = values.Where(v => v.HasValue)
            .Select(v => JsonSerializer.Deserialize<PainPointRecord>((string)v!, Json)!)
            .ToList();
        var next = items.Count > query.Limit ? new PageCursor(page[^1].Score, page[^1].Id).Encode() : null;
        return new PainPointPage(records, next);
    }

    public async IAsyncEnumerable<PainPointRecord> WatchPainPointsAsync([EnumeratorCancellation] CancellationToken ct = default)
    {
        var queue = await redis.GetSubscriber().SubscribeAsync(PainChannel);
        try
        {
            while (!ct.IsCancellationRequested)
            {
                ChannelMessage message;
                try { message = await queue.ReadAsync(ct); }
                catch (OperationCanceledException) { yield break; }
                catch (System.Threading.Channels.ChannelClosedException) { yield break; }
                var record = JsonSerializer.Deserialize<PainPointRecord>((string)message.Message!, Json);
                if (record is not null) yield return record;
            }
        }
        finally
        {
            await queue.UnsubscribeAsync();
        }
    }

    public async Task<bool> PingAsync(CancellationToken ct = default)
    {
        try
        {
            await Db.PingAsync();
            return true;
        }
        catch (RedisException)
        {
            return false;
        }
    }

    private string StageKey(string stage) => $"{P}stage:{stage}";
    private string PainIndexKey(string stage) => $"{P}stage:{stage}:pp";
}
