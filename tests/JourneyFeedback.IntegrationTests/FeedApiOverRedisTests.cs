extern alias cli;

using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using JourneyFeedback.Host;
using JourneyFeedback.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using FeedV1 = cli::JourneyFeedback.Feed.V1;

namespace JourneyFeedback.IntegrationTests;

/// <summary>The feed's HTTP, SSE, CSV and gRPC APIs and spike alerts, over a real Redis.</summary>
public sealed class FeedApiOverRedisTests(Deps deps) : IClassFixture<Deps>
{
    private static readonly string WebhookSecret = "whsec_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(24));

    private Task<ServiceProcess> Host(params string[] settings) => ServiceProcess.StartAsync(AllInOne.Build,
        [$"--Store:Provider=Redis", $"--Store:RedisUrl={deps.RedisUrl}", $"--Store:KeyPrefix=t{Guid.NewGuid():N}"[..30] + ":", .. settings]);

    private static async Task Submit(ServiceProcess host, string channel, string text, string stage = "purchase", int? nps = null)
    {
        var response = await host.Http.PostAsJsonAsync("/webhooks/api-tests",
            new { channel, externalId = Guid.NewGuid().ToString("N"), stage, text, nps, segment = "smb" });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    [Fact]
    public async Task OneProblemFromThreeChannelsIsOnePainPointWithItsVerbatimsFiltersAndExport()
    {
        await using var host = await Host();
        await Submit(host, "ticket", "The checkout keeps rejecting my card at payment");
        await Submit(host, "review", "Checkout rejecting my card at payment, awful", nps: 2);
        await Submit(host, "social", "@shop checkout keeps rejecting my card!!");

        var pain = (await Net.Eventually(async () =>
        {
            var page = await host.Http.GetFromJsonAsync<JsonElement>("/api/pain-points?stage=purchase");
            return page.GetProperty("items").EnumerateArray().FirstOrDefault(p => p.GetProperty("count").GetInt64() == 3) is { ValueKind: JsonValueKind.Object } p
                ? new[] { p } : null;
        }, "three mentions merged into one pain point"))[0];
        var id = pain.GetProperty("id").GetString()!;
        Assert.Equal(["review", "social", "ticket"], pain.GetProperty("channels").EnumerateObject().Select(c => c.Name).Order());
        Assert.True(pain.GetProperty("severity").GetDouble() > 0);
        Assert.Equal("new", pain.GetProperty("trend").GetString());
        Assert.Equal("source", pain.GetProperty("stageReason").GetString());

        var detail = await host.Http.GetFromJsonAsync<JsonElement>($"/api/pain-points/{id}?verbatims=10");
        Assert.Equal(3, detail.GetProperty("verbatims").GetArrayLength());
        Assert.Contains(detail.GetProperty("verbatims").EnumerateArray(), v => v.GetProperty("text").GetString()!.StartsWith("@shop"));
        Assert.Equal(HttpStatusCode.NotFound, (await host.Http.GetAsync("/api/pain-points/nope")).StatusCode);

        var social = await host.Http.GetFromJsonAsync<JsonElement>("/api/pain-points?stage=purchase&channel=social");
        Assert.Equal(1, social.GetProperty("items").GetArrayLength());
        var survey = await host.Http.GetFromJsonAsync<JsonElement>("/api/pain-points?stage=purchase&channel=survey");
        Assert.Equal(0, survey.GetProperty("items").GetArrayLength());
        Assert.Equal(HttpStatusCode.BadRequest, (await host.Http.GetAsync("/api/pain-points?stage=purchase&window=year")).StatusCode);

        var csv = await host.Http.GetStringAsync("/api/pain-points.csv?stage=purchase");
        Assert.StartsWith("id,stage,topic,count,severity,trend", csv);
        Assert.Contains($"{id},purchase,", csv);

        var stages = await host.Http.GetFromJsonAsync<JsonElement>("/api/stages?window=hour&segment=smb");
        var purchase = stages.EnumerateArray().Single(s => s.GetProperty("name").GetString() == "purchase");
        Assert.Equal(3, purchase.GetProperty("windowFeedbackCount").GetInt64());
        Assert.Equal(1, purchase.GetProperty("npsResponses").GetInt64());

        var client = new FeedV1.JourneyFeed.JourneyFeedClient(host.Grpc);
        var stage = await client.GetStageAsync(new FeedV1.GetStageRequest { Stage = "purchase", Window = "week" });
        Assert.Equal((3L, -100.0), (stage.WindowFeedbackCount, stage.Nps));
        var viaGrpc = await client.GetPainPointAsync(new FeedV1.GetPainPointRequest { Id = id, Verbatims = 2 });
        Assert.Equal((3L, 2), (viaGrpc.Count, viaGrpc.Verbatims.Count));
        var listed = await client.ListPainPointsAsync(new FeedV1.ListPainPointsRequest { Stage = "purchase", Channel = "review" });
        Assert.Equal(id, Assert.Single(listed.PainPoints).Id);
    }

    [Fact]
    public async Task ServerSentEventsCarryANewPainPoint()
    {
        await using var host = await Host();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        using var response = await host.Http.GetAsync("/api/events?stage=retention", HttpCompletionOption.ResponseHeadersRead, cts.Token);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cts.Token));
        Assert.Equal(": connected", await reader.ReadLineAsync(cts.Token));

        await Submit(host, "ticket", "My refund still has not arrived after three weeks", stage: "retention");
        string? line;
        do line = await reader.ReadLineAsync(cts.Token);
        while (line is not null && !line.StartsWith("data: "));
        var data = JsonDocument.Parse(line![6..]).RootElement;
        Assert.Equal("retention", data.GetProperty("stage").GetString());
        Assert.Contains("refund", data.GetProperty("text").GetString());
    }

    [Fact]
    public async Task ASpikeIsDeliveredOnceToTheWebhookSignedPerStandardWebhooks()
    {
        var received = new ConcurrentQueue<(Dictionary<string, string> Headers, string Body)>();
        var port = Net.FreePort();
        var receiverBuilder = WebApplication.CreateSlimBuilder();
        receiverBuilder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        await using var receiver = receiverBuilder.Build();
        var calls = 0;
        receiver.MapPost("/alerts", async (HttpContext http) =>
        {
            var body = await new StreamReader(http.Request.Body).ReadToEndAsync();
            // The first delivery fails, so the retry with backoff is exercised too.
            if (Interlocked.Increment(ref calls) == 1) return Results.StatusCode(503);
            // Kestrel reuses the header collection after the request: keep a copy.
            received.Enqueue((http.Request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString()), body));
            return Results.Ok();
        });
        await receiver.StartAsync();

        await using var host = await Host($"--Alerts:Webhooks:0:Url=http://127.0.0.1:{port}/alerts", $"--Alerts:Webhooks:0:Secret={WebhookSecret}",
            "--Alerts:FirstRetryDelay=00:00:00.200");
        for (var i = 0; i < 9; i++) await Submit(host, "ticket", $"Delivery courier lost my parcel again, tracking broken {i}");

        await Net.Eventually(() => Task.FromResult(received.IsEmpty ? null : "x"), "a spike alert at the webhook", TimeSpan.FromSeconds(60));
        await Submit(host, "ticket", "Delivery courier lost my parcel again, tracking broken once more");
        await Net.Eventually(async () =>
        {
            var page = await host.Http.GetFromJsonAsync<JsonElement>("/api/pain-points?stage=purchase");
            return page.GetProperty("items").EnumerateArray().Any(p => p.GetProperty("count").GetInt64() == 10) ? "x" : null;
        }, "all ten mentions recorded");
        await Task.Delay(1000);
        var (headers, body) = Assert.Single(received);
        var (id, timestamp) = (headers["webhook-id"], headers["webhook-timestamp"]);
        var key = Convert.FromBase64String(WebhookSecret["whsec_".Length..]);
        var expected = "v1," + Convert.ToBase64String(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{id}.{timestamp}.{body}")));
        Assert.Equal(expected, headers["webhook-signature"]);
        var alert = JsonDocument.Parse(body).RootElement;
        Assert.Equal("painpoint.spiked", alert.GetProperty("type").GetString());
        Assert.Equal("purchase", alert.GetProperty("data").GetProperty("stage").GetString());
        Assert.True(alert.GetProperty("data").GetProperty("currentHourCount").GetInt64() >= 5);
    }
}
