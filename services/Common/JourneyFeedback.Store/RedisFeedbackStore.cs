using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using StackExchange.Redis;

namespace JourneyFeedback.Store;

/// <summary>
/// The feed in Redis. Every key starts with the configured prefix; each recorded item is checked, counted and
/// merged into its pain point by one Lua script (<see cref="RedisScripts.Record"/>), so a redelivered message can
/// never be counted twice and two replicas can never split one pain point.
/// </summary>
public sealed class RedisFeedbackStore(IConnectionMultiplexer redis, StoreOptions options) : IFeedbackStore
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private const int MaxVerbatims = 50;
    private const int MaxStemsPerMention = 64;

    private IDatabase Db => redis.GetDatabase();
    private string P => options.KeyPrefix;
    private RedisChannel PainChannel => RedisChannel.Literal($"{P}painpoints");
    private long RetentionSeconds => (long)TimeSpan.FromDays(options.RetentionDays).TotalSeconds;

    public async Task<Registration> RegisterAsync(string source, string externalId, Guid candidateId, CancellationToken ct = default)
    {
        var existing = await Db.ScriptEvaluateAsync(RedisScripts.Register,
            [$"{P}ext:{source}:{externalId}"], [candidateId.ToString(), RetentionSeconds]);
        return existing.IsNull
            ? new Registration(candidateId, Duplicate: false)
            : new Registration(Guid.Parse((string)existing!), Duplicate: true);
    }

    public Task ForgetAsync(string source, string externalId, Guid feedbackId, CancellationToken ct = default) =>
        Db.ScriptEvaluateAsync(RedisScripts.Forget, [$"{P}ext:{source}:{externalId}"], [feedbackId.ToString()]);

    public async Task<bool> RecordAsync(FeedRecord record, CancellationToken ct = default)
    {
        var dims = StageMetrics.Dimensions(record);
        var increments = StageMetrics.Increments(record);
        var args = new List<RedisValue>
        {
            P, record.FeedbackId.ToString(), record.Stage, RetentionSeconds,
            record.Sentiment is { } s ? Num(s) : "", record.PainPoint is null ? "0" : "1",
            Hours.Of(record.ReceivedAt), RetentionSeconds, dims.Count, increments.Count,
        };
        args.AddRange(dims.Select(d => (RedisValue)d));
        foreach (var (field, by) in increments) { args.Add(field); args.Add(Num(by)); }
        if (record.PainPoint is { } pain)
        {
            var stems = Wording.Stems(pain.Text).Take(MaxStemsPerMention).ToList();
            args.AddRange([
                pain.Topic, pain.Language, pain.Channel, pain.Segment ?? "", pain.StrongSignal ? "1" : "0",
                Num(pain.Sentiment), Num(PageCursor.ScoreOf(pain.ReceivedAt)), JsonSerializer.Serialize(pain, Json),
                Num(Wording.MergeThreshold), Wording.MaxStems, MaxVerbatims, Hours.Of(pain.ReceivedAt), stems.Count,
            ]);
            args.AddRange(stems.Select(x => (RedisValue)x));
            args.Add(Wording.MaxCandidates);
        }
        // Keys are derived inside the script from the prefix: fine on one Redis or Sentinel; a Cluster needs hash tags.
        RedisResult result;
        try
        {
            result = await Db.ScriptEvaluateAsync(RedisScripts.Record, [], [.. args]);
        }
        catch (Exception e) when (e is RedisConnectionException or RedisTimeoutException)
        {
            throw new StoreUnavailableException($"Redis is unreachable; feedback {record.FeedbackId} was not recorded.", e);
        }
        return (long)result == 1;
    }

    private static string Num(double value) => value.ToString("R", CultureInfo.InvariantCulture);

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

    public async Task<IReadOnlyList<StageMetrics>> GetStageMetricsAsync(MetricsQuery query, CancellationToken ct = default)
    {
        var stages = (await Db.SetMembersAsync($"{P}stages")).Select(s => s.ToString()).ToList();
        var batch = Db.CreateBatch();
        var reads = stages.ToDictionary(s => s, s => Enumerable.Range(0, (int)Math.Max(0, query.ToHour - query.FromHour))
            .Select(i => batch.HashGetAllAsync($"{StageKey(s)}:h:{query.FromHour + i}:{query.Dimension}")).ToList());
        batch.Execute();
        var result = new List<StageMetrics>();
        foreach (var (stage, tasks) in reads)
        {
            var sum = new Dictionary<string, double>(StringComparer.Ordinal);
            foreach (var entries in await Task.WhenAll(tasks))
                foreach (var e in entries) sum[e.Name!] = sum.GetValueOrDefault(e.Name!) + (double)e.Value;
            result.Add(new StageMetrics(stage, sum));
        }
        return result;
    }

    public async Task<PainPointPage> ListPainPointsAsync(PainPointQuery query, CancellationToken ct = default)
    {
        var cursor = PageCursor.Decode(query.PageToken);
        var items = new List<(double Score, PainPointSummary Summary)>(query.Limit + 1);
        var max = cursor?.Score ?? double.PositiveInfinity;
        var filtered = query.Topic is { Length: > 0 } || query.Channel is { Length: > 0 } || query.Language is { Length: > 0 } || query.Segment is { Length: > 0 };
        var take = filtered ? Math.Max(100, query.Limit + 1) : query.Limit + 1;
        // Items sharing the cursor's score come back again; skip them, fetching more when ties or filters thin a batch.
        for (var skip = 0; items.Count <= query.Limit;)
        {
            var batch = await Db.SortedSetRangeByScoreWithScoresAsync(PainIndexKey(query.Stage),
                start: max, stop: double.NegativeInfinity, order: Order.Descending, skip: skip, take: take);
            var ids = batch.Where(e => cursor is not { } c || c.IsBefore(e.Score, e.Element.ToString())).ToList();
            var summaries = await SummariesAsync(ids.Select(e => e.Element.ToString()).ToList(), query.Hours);
            for (var i = 0; i < ids.Count && items.Count <= query.Limit; i++)
                if (summaries[i] is { } s && Matches(s, query)) items.Add((ids[i].Score, s));
            if (batch.Length < take) break;
            skip += batch.Length;
        }
        var page = items.Take(query.Limit).ToList();
        var next = items.Count > query.Limit ? new PageCursor(page[^1].Score, page[^1].Summary.Id).Encode() : null;
        return new PainPointPage(page.Select(p => p.Summary).ToList(), next);
    }

    private static bool Matches(PainPointSummary s, PainPointQuery q) =>
        (string.IsNullOrEmpty(q.Topic) || s.Topic == q.Topic)
        && (string.IsNullOrEmpty(q.Channel) || s.Channels.ContainsKey(q.Channel))
        && (string.IsNullOrEmpty(q.Language) || s.Languages.ContainsKey(q.Language))
        && (string.IsNullOrEmpty(q.Segment) || s.Segments.ContainsKey(q.Segment));

    private async Task<PainPointSummary?[]> SummariesAsync(IReadOnlyList<string> ids, IReadOnlyList<long> hours)
    {
        if (ids.Count == 0) return [];
        var batch = Db.CreateBatch();
        var hourFields = hours.Select(h => (RedisValue)h).ToArray();
        var reads = ids.Select(id => (
            Main: batch.HashGetAllAsync($"{P}pc:{id}"),
            Channels: batch.HashGetAllAsync($"{P}pc:{id}:ch"),
            Languages: batch.HashGetAllAsync($"{P}pc:{id}:lang"),
            Segments: batch.HashGetAllAsync($"{P}pc:{id}:seg"),
            Hourly: hourFields.Length == 0 ? Task.FromResult(Array.Empty<RedisValue>()) : batch.HashGetAsync($"{P}pc:{id}:h", hourFields)))
            .ToList();
        batch.Execute();
        var result = new PainPointSummary?[ids.Count];
        for (var i = 0; i < ids.Count; i++)
        {
            var r = reads[i];
            var main = (await r.Main).ToDictionary(e => e.Name.ToString(), e => e.Value);
            if (!main.TryGetValue("latest", out var latest)) continue;
            var hourly = await r.Hourly;
            result[i] = new PainPointSummary
            {
                Id = ids[i],
                Stage = main["stage"]!,
                Topic = main["topic"]!,
                Count = (long)main.GetValueOrDefault("count", 0),
                SentimentSum = (double)main.GetValueOrDefault("sentiment_sum", 0),
                StrongSignals = (long)main.GetValueOrDefault("strong", 0),
                FirstSeen = At((double)main["first"]),
                LastSeen = At((double)main["last"]),
                Channels = Counts(await r.Channels),
                Languages = Counts(await r.Languages),
                Segments = Counts(await r.Segments),
                Latest = JsonSerializer.Deserialize<PainPointRecord>((string)latest!, Json)!,
                Hourly = hours.Select((h, j) => (h, j)).ToDictionary(x => x.h, x => hourly[x.j].IsNull ? 0 : (long)hourly[x.j]),
            };
        }
        return result;
    }

    private static Dictionary<string, long> Counts(HashEntry[] entries) =>
        entries.ToDictionary(e => e.Name.ToString(), e => (long)e.Value, StringComparer.Ordinal);

    private static DateTimeOffset At(double score) => DateTimeOffset.UnixEpoch.AddTicks((long)score * 10);

    public async Task<PainPointDetail?> GetPainPointAsync(string id, int verbatims, DateTimeOffset now, CancellationToken ct = default)
    {
        var summary = (await SummariesAsync([id], Hours.Ending(now, 48)))[0];
        if (summary is null) return null;
        var list = verbatims <= 0 ? [] : await Db.ListRangeAsync($"{P}pc:{id}:v", 0, verbatims - 1);
        return new PainPointDetail(summary, list.Select(v => JsonSerializer.Deserialize<PainPointRecord>((string)v!, Json)!).ToList());
    }

    public async IAsyncEnumerable<PainPointSummary> WatchPainPointsAsync([EnumeratorCancellation] CancellationToken ct = default)
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
                if ((await SummariesAsync([(string)message.Message!], []))[0] is { } summary) yield return summary;
            }
        }
        finally
        {
            await queue.UnsubscribeAsync();
        }
    }

    public async Task<string?> PainPointOfAsync(Guid feedbackId, CancellationToken ct = default) =>
        await Db.StringGetAsync($"{P}of:{feedbackId}") is { HasValue: true } v ? v.ToString() : null;

    public Task<bool> ClaimOnceAsync(string key, TimeSpan ttl, CancellationToken ct = default) =>
        Db.StringSetAsync($"{P}claim:{key}", "1", ttl, When.NotExists);

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
