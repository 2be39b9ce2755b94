using System.CommandLine;
using System.Diagnostics;
using JourneyFeedback.Feed.V1;
using JourneyFeedback.Store;
using StackExchange.Redis;

namespace JourneyFeedback.Cli;

/// <summary>
/// jf bench feed: records N synthetic feedback items into Redis through the store's own Lua script (the path the
/// Aggregator takes), then times ListPainPoints for one stage over gRPC against a server using that Redis and prefix.
/// </summary>
public static class BenchCommand
{
    private static readonly string[] Stages = ["awareness", "consideration", "purchase", "retention", "advocacy"];
    private static readonly string[] Words = ["checkout", "payment", "card", "refund", "parcel", "courier", "tracking", "login",
        "password", "invoice", "charged", "discount", "advert", "website", "filters", "support", "answer", "quality", "seams",
        "broken", "delayed", "missing", "rejected", "crash", "screen", "account", "bonus", "referral", "price", "coupon"];

    public static Command Build(Option<string> server, TextWriter output)
    {
        var items = new Option<int>("--items") { DefaultValueFactory = _ => 1_000_000, Description = "feedback items to record (0: use what is there)" };
        var calls = new Option<int>("--calls") { DefaultValueFactory = _ => 2000, Description = "ListPainPoints calls to time" };
        var redis = new Option<string>("--redis") { DefaultValueFactory = _ => Environment.GetEnvironmentVariable("REDIS_URL") ?? "redis://localhost:6379" };
        var prefix = new Option<string>("--prefix") { DefaultValueFactory = _ => "bench:", Description = "the server's Store:KeyPrefix" };
        var stage = new Option<string>("--stage") { DefaultValueFactory = _ => "purchase" };
        var feed = new Command("feed", "time ListPainPoints for one stage with many items aggregated in Redis") { items, calls, redis, prefix, stage };
        feed.SetAction(async (r, ct) =>
        {
            var n = r.GetValue(items);
            if (n > 0)
            {
                using var mux = await ConnectionMultiplexer.ConnectAsync(RedisUrl.ToConfiguration(r.GetValue(redis)!));
                var store = new RedisFeedbackStore(mux, new StoreOptions { KeyPrefix = r.GetValue(prefix)! });
                var watch = Stopwatch.StartNew();
                await Parallel.ForEachAsync(Enumerable.Range(0, n), new ParallelOptions { MaxDegreeOfParallelism = 64, CancellationToken = ct },
                    async (i, c) => await store.RecordAsync(Synthetic(i), c));
                await output.WriteLineAsync($"recorded {n:N0} items in {watch.Elapsed.TotalSeconds:F0} s ({n / watch.Elapsed.TotalSeconds:N0}/s)");
            }
            using var connection = new GrpcConnection(r, server);
            var client = new JourneyFeed.JourneyFeedClient(connection.Invoker);
            var request = new ListPainPointsRequest { Stage = r.GetValue(stage)!, PageSize = 50 };
            for (var i = 0; i < 50; i++) await client.ListPainPointsAsync(request, cancellationToken: ct);
            var times = new List<double>();
            var count = 0;
            for (var i = 0; i < r.GetValue(calls); i++)
            {
                var t = Stopwatch.GetTimestamp();
                count = (await client.ListPainPointsAsync(request, cancellationToken: ct)).PainPoints.Count;
                times.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
            }
            times.Sort();
            double P(double q) => times[Math.Min(times.Count - 1, (int)Math.Ceiling(q * times.Count) - 1)];
            await output.WriteLineAsync($"ListPainPoints stage={request.Stage} pageSize=50 ({count} returned), {times.Count} calls: " +
                $"p50 {P(0.5):F2} ms, p95 {P(0.95):F2} ms, p99 {P(0.99):F2} ms, max {times[^1]:F2} ms");
            return 0;
        });
        return new Command("bench", "benchmarks") { feed };
    }

    // About 70 % negative; each stage and topic has 40 recurring problems, each worded with its own four words and two
    // random ones, so a stage holds about 400 distinct pain points.
    private static FeedRecord Synthetic(int i)
    {
        var rng = new Random(i);
        var stage = Stages[rng.Next(Stages.Length)];
        var topic = $"topic{rng.Next(10)}";
        var problem = rng.Next(40);
        var topicNumber = int.Parse(topic[5..]);
        var words = Enumerable.Range(0, 4).Select(k => $"{(char)('a' + k)}{topicNumber}{problem:D3}")
            .Concat(Enumerable.Range(0, 2).Select(_ => Words[rng.Next(Words.Length)]));
        var negative = rng.NextDouble() < 0.7;
        var at = DateTimeOffset.UtcNow.AddMinutes(-rng.Next(60 * 24 * 14));
        var channel = new[] { "ticket", "survey", "review", "social" }[rng.Next(4)];
        var id = new Guid(i, 0, 0, [0, 0, 0, 0, 0, 0, 0, 1]);
        var pain = negative
            ? new PainPointRecord
            {
                FeedbackId = id, Stage = stage, StageReason = "topic-rule", Topic = topic, Sentiment = -rng.NextDouble(),
                SentimentLabel = "negative", Text = string.Join(' ', words), Channel = channel, Source = "bench",
                Language = "en", ReceivedAt = at,
            }
            : null;
        return new FeedRecord(id, stage, negative ? pain!.Sentiment : rng.NextDouble(), pain)
        {
            Channel = channel, Language = "en", SentimentLabel = negative ? "negative" : "positive", ReceivedAt = at,
        };
    }
}
