using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace JourneyFeedback.Store;

/// <summary>The in-process store of the all-in-one run: same semantics as Redis, nothing survives a restart.</summary>
public sealed class InMemoryFeedbackStore : IFeedbackStore
{
    private const int MaxVerbatims = 50;

    private readonly Lock _gate = new();
    private readonly Dictionary<(string, string), Guid> _registrations = [];
    private readonly HashSet<Guid> _recorded = [];
    private readonly Dictionary<string, StageStats> _stages = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<string, double>> _buckets = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SortedSet<(double Score, string Id)>> _painIndex = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Stage, string Topic), List<string>> _byTopic = [];
    private readonly Dictionary<string, Cluster> _clusters = new(StringComparer.Ordinal);
    private readonly Dictionary<Guid, string> _mentionOf = [];
    private readonly HashSet<string> _claims = new(StringComparer.Ordinal);
    private readonly List<Channel<PainPointSummary>> _watchers = [];

    private static readonly Comparer<(double Score, string Id)> NewestFirst = Comparer<(double Score, string Id)>.Create(
        (a, b) => a.Score != b.Score ? b.Score.CompareTo(a.Score) : string.CompareOrdinal(b.Id, a.Id));

    private sealed class Cluster(string id, PainPointRecord first)
    {
        public string Id { get; } = id;
        public PainPointRecord First { get; } = first;
        public PainPointRecord Latest { get; set; } = first;
        public long Count { get; set; }
        public double SentimentSum { get; set; }
        public long StrongSignals { get; set; }
        public HashSet<string> Stems { get; } = new(StringComparer.Ordinal);
        public Dictionary<string, long> Channels { get; } = new(StringComparer.Ordinal);
        public Dictionary<string, long> Languages { get; } = new(StringComparer.Ordinal);
        public Dictionary<string, long> Segments { get; } = new(StringComparer.Ordinal);
        public Dictionary<long, long> Hourly { get; } = [];
        public LinkedList<PainPointRecord> Verbatims { get; } = new();
        public double Score { get; set; }
        public DateTimeOffset FirstSeen { get; set; } = first.ReceivedAt;
    }

    public Task<Registration> RegisterAsync(string source, string externalId, Guid candidateId, CancellationToken ct = default)
    {
        lock (_gate)
        {
            if (_registrations.TryGetValue((source, externalId), out var existing))
                return Task.FromResult(new Registration(existing, Duplicate: true));
            _registrations[(source, externalId)] = candidateId;
            return Task.FromResult(new Registration(candidateId, Duplicate: false));
        }
    }

    public Task ForgetAsync(string source, string externalId, Guid feedbackId, CancellationToken ct = default)
    {
        lock (_gate)
        {
            if (_registrations.TryGetValue((source, externalId), out var id) && id == feedbackId)
                _registrations.Remove((source, externalId));
        }
        return Task.CompletedTask;
    }

    public Task<bool> RecordAsync(FeedRecord record, CancellationToken ct = default)
    {
        Channel<PainPointSummary>[] watchers;
        PainPointSummary summary;
        lock (_gate)
        {
            if (!_recorded.Add(record.FeedbackId)) return Task.FromResult(false);
            var stats = _stages.GetValueOrDefault(record.Stage) ?? new StageStats(record.Stage, 0, 0, 0, 0);
            _stages[record.Stage] = stats with
            {
                FeedbackCount = stats.FeedbackCount + 1,
                PainPointCount = stats.PainPointCount + (record.PainPoint is null ? 0 : 1),
                ScoredCount = stats.ScoredCount + (record.Sentiment is null ? 0 : 1),
                SentimentSum = stats.SentimentSum + (record.Sentiment ?? 0),
            };
            var hour = Hours.Of(record.ReceivedAt);
            foreach (var dimension in StageMetrics.Dimensions(record))
            {
                var key = $"{record.Stage}|{hour}|{dimension}";
                if (!_buckets.TryGetValue(key, out var bucket)) _buckets[key] = bucket = new(StringComparer.Ordinal);
                foreach (var (field, by) in StageMetrics.Increments(record))
                    bucket[field] = bucket.GetValueOrDefault(field) + by;
            }
            if (record.PainPoint is not { } pain) return Task.FromResult(true);

            var cluster = Merge(pain);
            _mentionOf[pain.FeedbackId] = cluster.Id;
            summary = Summarize(cluster, []);
            watchers = [.. _watchers];
        }
        foreach (var watcher in watchers) watcher.Writer.TryWrite(summary);
        return Task.FromResult(true);
    }

    private Cluster Merge(PainPointRecord pain)
    {
        var stems = Wording.Stems(pain.Text);
        if (!_byTopic.TryGetValue((pain.Stage, pain.Topic), out var ids)) _byTopic[(pain.Stage, pain.Topic)] = ids = [];
        var candidates = ids.Select(id => _clusters[id])
            .OrderByDescending(c => c.Score).ThenByDescending(c => c.Id, StringComparer.Ordinal).Take(Wording.MaxCandidates)
            .Select(c => new Wording.Candidate(c.Id, c.Count, c.Stems, c.Languages.Keys)).ToList();
        var chosen = Wording.Choose(candidates, stems, pain.Language);
        Cluster cluster;
        if (chosen is null)
        {
            cluster = new Cluster(pain.FeedbackId.ToString(), pain);
            _clusters[cluster.Id] = cluster;
            ids.Add(cluster.Id);
        }
        else
        {
            cluster = _clusters[chosen];
        }

        if (!_painIndex.TryGetValue(pain.Stage, out var index))
            _painIndex[pain.Stage] = index = new SortedSet<(double, string)>(NewestFirst);
        var score = PageCursor.ScoreOf(pain.ReceivedAt);
        if (score >= cluster.Score || cluster.Count == 0)
        {
            index.Remove((cluster.Score, cluster.Id));
            cluster.Score = score;
            cluster.Latest = pain;
            index.Add((score, cluster.Id));
        }
        if (pain.ReceivedAt < cluster.FirstSeen) cluster.FirstSeen = pain.ReceivedAt;
        cluster.Count++;
        cluster.SentimentSum += pain.Sentiment;
        if (pain.StrongSignal) cluster.StrongSignals++;
        foreach (var s in stems.Take(Math.Max(0, Wording.MaxStems - cluster.Stems.Count))) cluster.Stems.Add(s);
        Increment(cluster.Channels, pain.Channel);
        Increment(cluster.Languages, pain.Language);
        if (pain.Segment is { Length: > 0 } segment) Increment(cluster.Segments, segment);
        var hour = Hours.Of(pain.ReceivedAt);
        cluster.Hourly[hour] = cluster.Hourly.GetValueOrDefault(hour) + 1;
        cluster.Verbatims.AddFirst(pain);
        if (cluster.Verbatims.Count > MaxVerbatims) cluster.Verbatims.RemoveLast();
        return cluster;
    }

    private static void Increment(Dictionary<string, long> counts, string key) => counts[key] = counts.GetValueOrDefault(key) + 1;

    private static PainPointSummary Summarize(Cluster c, IReadOnlyList<long> hours) => new()
    {
        Id = c.Id,
        Stage = c.First.Stage,
        Topic = c.First.Topic,
        Count = c.Count,
        SentimentSum = c.SentimentSum,
        StrongSignals = c.StrongSignals,
        FirstSeen = c.FirstSeen,
        LastSeen = c.Latest.ReceivedAt,
        Channels = new Dictionary<string, long>(c.Channels),
        Languages = new Dictionary<string, long>(c.Languages),
        Segments = new Dictionary<string, long>(c.Segments),
        Latest = c.Latest,
        Hourly = hours.ToDictionary(h => h, h => c.Hourly.GetValueOrDefault(h)),
    };

    public Task<IReadOnlyList<StageStats>> GetStageStatsAsync(CancellationToken ct = default)
    {
        lock (_gate) return Task.FromResult<IReadOnlyList<StageStats>>([.. _stages.Values]);
    }

    public Task<IReadOnlyList<StageMetrics>> GetStageMetricsAsync(MetricsQuery query, CancellationToken ct = default)
    {
        lock (_gate)
        {
            var result = new List<StageMetrics>();
            foreach (var stage in _stages.Keys)
            {
                var sum = new Dictionary<string, double>(StringComparer.Ordinal);
                for (var h = query.FromHour; h < query.ToHour; h++)
                    if (_buckets.TryGetValue($"{stage}|{h}|{query.Dimension}", out var bucket))
                        foreach (var (k, v) in bucket) sum[k] = sum.GetValueOrDefault(k) + v;
                result.Add(new StageMetrics(stage, sum));
            }
            return Task.FromResult<IReadOnlyList<StageMetrics>>(result);
        }
    }

    public Task<PainPointPage> ListPainPointsAsync(PainPointQuery query, CancellationToken ct = default)
    {
        var cursor = PageCursor.Decode(query.PageToken);
        lock (_gate)
        {
            if (!_painIndex.TryGetValue(query.Stage, out var index))
                return Task.FromResult(new PainPointPage([], null));
            var page = index
                .Where(e => cursor is not { } c || c.IsBefore(e.Score, e.Id))
                .Where(e => Matches(_clusters[e.Id], query))
                .Take(query.Limit + 1)
                .ToList();
            var items = page.Take(query.Limit).Select(e => Summarize(_clusters[e.Id], query.Hours)).ToList();
            var next = page.Count > query.Limit ? new PageCursor(page[query.Limit - 1].Score, page[query.Limit - 1].Id).Encode() : null;
            return Task.FromResult(new PainPointPage(items, next));
        }
    }

    private static bool Matches(Cluster c, PainPointQuery q) =>
        (string.IsNullOrEmpty(q.Topic) || c.First.Topic == q.Topic)
        && (string.IsNullOrEmpty(q.Channel) || c.Channels.ContainsKey(q.Channel))
        && (string.IsNullOrEmpty(q.Language) || c.Languages.ContainsKey(q.Language))
        && (string.IsNullOrEmpty(q.Segment) || c.Segments.ContainsKey(q.Segment));

    public Task<PainPointDetail?> GetPainPointAsync(string id, int verbatims, DateTimeOffset now, CancellationToken ct = default)
    {
        lock (_gate)
        {
            if (!_clusters.TryGetValue(id, out var c)) return Task.FromResult<PainPointDetail?>(null);
            return Task.FromResult<PainPointDetail?>(new PainPointDetail(
                Summarize(c, Hours.Ending(now, 48)), c.Verbatims.Take(verbatims).ToList()));
        }
    }

    public async IAsyncEnumerable<PainPointSummary> WatchPainPointsAsync([EnumeratorCancellation] CancellationToken ct = default)
    {
        var channel = Channel.CreateBounded<PainPointSummary>(new BoundedChannelOptions(1024)
        {
            FullMode = BoundedChannelFullMode.DropOldest,
        });
        lock (_gate) _watchers.Add(channel);
        try
        {
            await foreach (var item in channel.Reader.ReadAllAsync(ct)) yield return item;
        }
        finally
        {
            lock (_gate) _watchers.Remove(channel);
        }
    }

    public Task<string?> PainPointOfAsync(Guid feedbackId, CancellationToken ct = default)
    {
        lock (_gate) return Task.FromResult(_mentionOf.GetValueOrDefault(feedbackId));
    }

    public Task<bool> ClaimOnceAsync(string key, TimeSpan ttl, CancellationToken ct = default)
    {
        lock (_gate) return Task.FromResult(_claims.Add(key));
    }

    public Task<bool> PingAsync(CancellationToken ct = default) => Task.FromResult(true);
}
