using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Grpc.Core;
using JourneyFeedback.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace JourneyFeedback.IntegrationTests;

/// <summary>
/// Thousands of malformed, truncated, oversized and wrongly typed payloads against the running Ingestion's
/// webhook and gRPC endpoints (loopback only, a fixed seed, bounded in count and time): none may get a 5xx
/// or an Internal/Unknown status, and the process must still answer afterwards.
/// </summary>
[Collection(DistributedPipelineCollection.Name)]
public sealed class IngestionFuzzTests(DistributedPipeline pipeline, ITestOutputHelper log)
{
    private const int WebhookCases = 3000;
    private const int GrpcCases = 1500;
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(90);

    private static readonly string[] Fixtures = Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Fixtures", "Webhooks"), "*.json");
    private static readonly string[] Routes = ["/webhooks/fuzz", "/webhooks/fuzz/typeform", "/webhooks/fuzz/zendesk", "/webhooks/fuzz/trustpilot"];

    private static readonly string[] GrpcMethods =
    [
        "SubmitTicket", "SubmitSurveyResponse", "SubmitReview", "SubmitSocialMention",
    ];

    [Fact]
    public async Task MalformedWebhooksNeverGetA5xxAndTheServiceLivesOn()
    {
        var random = new Random(5);
        var cases = Enumerable.Range(0, WebhookCases).Select(i => WebhookCase(random, i)).ToList();
        var clock = Stopwatch.StartNew();
        var statuses = new System.Collections.Concurrent.ConcurrentDictionary<int, int>();
        var failures = new System.Collections.Concurrent.ConcurrentBag<string>();
        await Parallel.ForEachAsync(cases, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (c, ct) =>
        {
            if (clock.Elapsed > Budget) return;
            var request = new HttpRequestMessage(HttpMethod.Post, c.Route) { Content = new ByteArrayContent(c.Body) };
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(c.ContentType);
            var response = await pipeline.Ingestion.Http.SendAsync(request, ct);
            statuses.AddOrUpdate((int)response.StatusCode, 1, (_, n) => n + 1);
            if ((int)response.StatusCode >= 500) failures.Add($"{c.Kind} → {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(ct)}");
        });
        log.WriteLine($"{statuses.Values.Sum()} webhook cases in {clock.Elapsed.TotalSeconds:0.0} s: " +
            string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}×{s.Value}")));

        Assert.Empty(failures.Take(5));
        Assert.True(statuses.Values.Sum() >= WebhookCases / 2, "the time budget ran out before half the cases were sent");
        Assert.True(statuses.ContainsKey(400) && statuses.ContainsKey(202) && statuses.ContainsKey(413), "the cases should reach parsing, acceptance and the size limit");
        Assert.Equal(HttpStatusCode.OK, (await pipeline.Ingestion.Http.GetAsync("/alive")).StatusCode);
    }

    [Fact]
    public async Task MalformedGrpcMessagesNeverGetInternalOrUnknownAndTheServiceLivesOn()
    {
        var random = new Random(7);
        var invoker = pipeline.Ingestion.Grpc.CreateCallInvoker();
        var bytes = Marshallers.Create(b => b, b => b);
        var clock = Stopwatch.StartNew();
        var statuses = new System.Collections.Concurrent.ConcurrentDictionary<StatusCode, int>();
        var failures = new System.Collections.Concurrent.ConcurrentBag<string>();
        var cases = Enumerable.Range(0, GrpcCases).Select(i => (Method: GrpcMethods[i / 6 % GrpcMethods.Length], Body: GrpcBody(random, i))).ToList();
        await Parallel.ForEachAsync(cases, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (c, ct) =>
        {
            if (clock.Elapsed > Budget) return;
            var method = new Method<byte[], byte[]>(MethodType.Unary, "journeyfeedback.ingestion.v1.FeedbackIngestion", c.Method, bytes, bytes);
            var code = StatusCode.OK;
            try { await invoker.AsyncUnaryCall(method, null, new CallOptions(cancellationToken: ct), c.Body); }
            catch (RpcException e) { code = e.StatusCode; if (code is StatusCode.Internal or StatusCode.Unknown or StatusCode.DataLoss) failures.Add($"{c.Method} {Convert.ToHexString(c.Body[..Math.Min(40, c.Body.Length)])} → {e.Status}"); }
            statuses.AddOrUpdate(code, 1, (_, n) => n + 1);
        });
        log.WriteLine($"{statuses.Values.Sum()} gRPC cases in {clock.Elapsed.TotalSeconds:0.0} s: " +
            string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}×{s.Value}")));

        Assert.Empty(failures.Take(5));
        Assert.True(statuses.Values.Sum() >= GrpcCases / 2, "the time budget ran out before half the cases were sent");
        Assert.True(statuses.ContainsKey(StatusCode.InvalidArgument) && statuses.ContainsKey(StatusCode.OK));
        Assert.Equal(HttpStatusCode.OK, (await pipeline.Ingestion.Http.GetAsync("/alive")).StatusCode);
    }

    private sealed record Case(string Kind, string Route, byte[] Body, string ContentType = "application/json");

    private static Case WebhookCase(Random random, int i)
    {
        var route = Routes[i / 12 % Routes.Length];
        var fixture = File.ReadAllText(Fixtures[random.Next(Fixtures.Length)]);
        var valid = route == Routes[0]
            ? $$"""{"channel":"survey","externalId":"fz-{{Guid.NewGuid():N}}","nps":{{random.Next(0, 11)}},"text":"fuzz {{i}} delivery was late"}"""
            : fixture;
        return (i % 12) switch
        {
            0 => new("random bytes", route, RandomBytes(random, random.Next(0, 2000))),
            1 => new("truncated", route, Encoding.UTF8.GetBytes(valid[..random.Next(0, valid.Length)])),
            2 => new("wrong types", route, Encoding.UTF8.GetBytes(Mutate(JsonNode.Parse(valid)!, random).ToJsonString())),
            3 => new("deep nesting", route, Encoding.UTF8.GetBytes(new string('[', 5000) + new string(']', 5000))),
            4 => new("oversized", route, Encoding.UTF8.GetBytes("{\"text\":\"" + new string('x', 1_100_000) + "\"}")),
            5 => new("invalid utf-8", route, [.. Encoding.UTF8.GetBytes("{\"channel\":\"survey\",\"text\":\""), 0xC3, 0x28, 0xFF, .. "\"}"u8.ToArray()]),
            6 => new("huge text", route, Encoding.UTF8.GetBytes($$"""{"channel":"review","rating":1,"text":"{{new string('y', 30_000)}}"}""")),
            7 => new("wrong content type", route, Encoding.UTF8.GetBytes(valid), "text/plain"),
            8 => new("json scalar", route, Encoding.UTF8.GetBytes(random.Next(4) switch { 0 => "null", 1 => "42", 2 => "\"x\"", _ => "[]" })),
            9 => new("huge numbers", route, Encoding.UTF8.GetBytes(valid.Replace("3", "99999999999999999999999"))),
            10 => new("bad metadata", route, Encoding.UTF8.GetBytes($$"""{"channel":"survey","nps":3,"metadata":{{(random.Next(2) == 0 ? "[1,2]" : "{\"" + new string('k', 100) + "\":1}")}}}""")),
            _ => new("valid", route, Encoding.UTF8.GetBytes(valid)),
        };
    }

    private static JsonNode Mutate(JsonNode node, Random random)
    {
        if (node is JsonObject obj)
            foreach (var key in obj.Select(p => p.Key).ToList())
            {
                if (random.Next(3) == 0) obj[key] = RandomValue(random);
                else if (obj[key] is { } child) obj[key] = Mutate(child.DeepClone(), random);
            }
        else if (node is JsonArray array)
            for (var k = 0; k < array.Count; k++)
                array[k] = random.Next(3) == 0 ? RandomValue(random) : array[k] is { } child ? Mutate(child.DeepClone(), random) : null;
        return node;
    }

    private static JsonNode? RandomValue(Random random) => random.Next(7) switch
    {
        0 => null,
        1 => JsonValue.Create(random.Next(2) == 0),
        2 => JsonValue.Create(random.NextDouble() * 1e12 - 5e11),
        3 => new JsonArray(JsonValue.Create(1), JsonValue.Create("a")),
        4 => new JsonObject { ["x"] = JsonValue.Create(random.Next()) },
        5 => JsonValue.Create(new string('z', random.Next(0, 5000))),
        _ => JsonValue.Create(long.MaxValue),
    };

    private static byte[] GrpcBody(Random random, int i)
    {
        // A valid Ticket: origin { source "fuzz", external_id }, text.
        var valid = Encoding.UTF8.GetBytes("fuzz");
        byte[] Ticket()
        {
            var external = Encoding.UTF8.GetBytes($"g-{i}-{Guid.NewGuid():N}");
            var origin = new byte[] { 0x0A, (byte)valid.Length }.Concat(valid).Concat(new byte[] { 0x12, (byte)external.Length }).Concat(external).ToArray();
            var text = Encoding.UTF8.GetBytes("fuzzed text about a late delivery");
            return [0x0A, (byte)origin.Length, .. origin, 0x1A, (byte)text.Length, .. text];
        }
        return (i % 6) switch
        {
            0 => RandomBytes(random, random.Next(0, 300)),
            1 => Ticket()[..random.Next(0, Ticket().Length)],
            2 => [0x0A, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F, .. RandomBytes(random, 10)],
            3 => [0x10, .. RandomBytes(random, 12)],
            4 => [0x1A, 0x80, 0x80, 0x04, .. Enumerable.Repeat((byte)'a', 65536)],
            _ => Ticket(),
        };
    }

    private static byte[] RandomBytes(Random random, int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }
}
