using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace JourneyFeedback.Store;

/// <summary>The in-process store of the all-in-one run: same semantics as Redis, nothing survives a restart.</summary>
public sealed class InMemoryFeedbackStore : IFeedbackStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<(string, string), Guid> _registrations = [];
    private readonly HashSet<Guid> _recorded = [];
    private readonly Dictionary<string, StageStats> _stages = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SortedSet<(double Score, string Id)>> _painIndex = new(StringComparer.Ordinal);
    private readonly Dictionary<string, PainPointRecord> _painPoints = [];
    private readonly List<Channel<PainPointRecord>> _watchers = [];

    private static readonly Comparer<(double Score, string Id)> NewestFirst = Comparer<(double Score, string Id)>.Create(
        (a, b) => a.Score != b.Score ? b.Score.CompareTo(a.Score) : string.CompareOrdinal(b.Id, a.Id));

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
        Channel<PainPointRecord>[] watchers;
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
            if (record.PainPoint is not { } pain) return Task.FromResult(true);

            var id = pain.FeedbackId.ToString();
            _painPoints[id] = pain;
            if (!_painIndex.TryGetValue(pain.Stage, out var index))
                _painIndex[pain.Stage] = index = new SortedSet<(double, string)>(NewestFirst);
            index.Add((PageCursor.ScoreOf(pain.ReceivedAt), id));
            watchers = [.. _watchers];
        }
        foreach (var watcher in watchers) watcher.Writer.TryWrite(record.PainPoint);
        return Task.FromResult(true);
    }

    public Task<IReadOnlyList<StageStats>> GetStageStatsAsync(CancellationToken ct = default)
    {
        lock (_gate) return Task.FromResult<IReadOnlyList<StageStats>>([.. _stages.Values]);
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
                .Take(query.Limit + 1)
                .ToList();
            var items = page.Take(query.Limit).Select(e => _painPoints[e.Id]).ToList();
            var next = page.Count > query.Limit ? new PageCursor(page[query.Limit - 1].Score, page[query.Limit - 1].Id).Encode() : null;
            return Task.FromResult(new PainPointPage(items, next));
        }
    }

    public async IAsyncEnumerable<PainPointRecord> WatchPainPointsAsync([EnumeratorCancellation] CancellationToken ct = default)
    {
        var channel = Channel.CreateBounded<PainPointRecord>(new BoundedChannelOptions(1024)
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

    public Task<bool> PingAsync(CancellationToken ct = default) => Task.FromResult(true);
}
