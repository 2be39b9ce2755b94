extern alias cli;

using System.Net;
using System.Net.Http.Json;
using JourneyFeedback.IntegrationTests.Infrastructure;
using StackExchange.Redis;
using IngestV1 = cli::JourneyFeedback.Ingestion.V1;

namespace JourneyFeedback.IntegrationTests;

[Collection(DistributedPipelineCollection.Name)]
public sealed class PiiNeverLeavesIngestionTests(DistributedPipeline pipeline)
{
    private static readonly string[] RawPii =
    [
        "anna.nowak@example.com", "+48 601 234 567", "4111 1111 1111 1111", "DE89 3704 0044 0532 0130 00",
        "j.smith@mail.example.org", "+44 20 7946 0958", "5555555555554444", "GB82WEST12345698765432",
    ];

    [Fact]
    public async Task RawPiiSentOverGrpcAndWebhooksNeverReachesRabbitMqOrRedis()
    {
        await using var tap = await BrokerTap.StartAsync(pipeline.Deps.RabbitMqUrl);
        var client = new PipelineClient(pipeline.Ingestion.Grpc, pipeline.Aggregator.Grpc);

        var origin = PipelineClient.Origin();
        origin.Stage = "purchase";
        var ticket = await client.Ingestion.SubmitTicketAsync(new IngestV1.Ticket
        {
            Origin = origin,
            Subject = $"Charged twice on {RawPii[2]}",
            Text = $"Terrible checkout, it charged my card {RawPii[2]} twice and failed, call me on {RawPii[1]} or write to {RawPii[0]}, refund to {RawPii[3]}",
        });
        ticket.Origin();
        var webhook = await pipeline.Ingestion.Http.PostAsJsonAsync("/webhooks/survey-tool", new
        {
            channel = "survey",
            externalId = Guid.NewGuid().ToString(),
            nps = 1,
            stage = "retention",
            text = $"Refund never came, account {RawPii[7]}, card {RawPii[6]}, I am at {RawPii[5]}",
            contactEmail = RawPii[4],
            metadata = new { phone = RawPii[5] },
        });
        Assert.Equal(HttpStatusCode.Accepted, webhook.StatusCode);
        var webhookId = (await webhook.Content.ReadFromJsonAsync<Dictionary<string, object>>())!["feedbackId"].ToString()!;

        // Both items went all the way: analysed and stored as pain points (texts included) in Redis.
        var pain = await client.PainPointAsync("purchase", ticket.FeedbackId);
        Assert.Contains("[card]", pain.Text);
        Assert.Contains("[email]", pain.Text);
        await client.PainPointAsync("retention", webhookId);

        var messages = await Net.Eventually(() => Task.FromResult(
            tap.Messages.Count(m => m.Contains(ticket.FeedbackId) || m.Contains(webhookId)) >= 2 ? tap.Messages.ToList() : null), "both items on the broker");
        var ours = messages.Where(m => m.Contains(ticket.FeedbackId) || m.Contains(webhookId)).ToList();
        Assert.All(ours, m => Assert.Contains("[phone]", m));
        foreach (var message in messages)
            foreach (var pii in RawPii)
                Assert.DoesNotContain(pii, message);

        using var redis = await ConnectionMultiplexer.ConnectAsync(RedisUrl(pipeline.Deps.RedisUrl));
        var db = redis.GetDatabase();
        var server = redis.GetServers().Single();
        var scanned = 0;
        await foreach (var key in server.KeysAsync(pattern: pipeline.KeyPrefix + "*"))
        {
            scanned++;
            var values = await ValuesAsync(db, key);
            foreach (var pii in RawPii)
            {
                Assert.DoesNotContain(pii, key.ToString());
                Assert.All(values, v => Assert.DoesNotContain(pii, v));
            }
        }
        Assert.True(scanned > 5, $"only {scanned} keys under {pipeline.KeyPrefix}");
    }

    private static async Task<List<string>> ValuesAsync(IDatabase db, RedisKey key) => await db.KeyTypeAsync(key) switch
    {
        RedisType.String => [(string?)await db.StringGetAsync(key) ?? ""],
        RedisType.Hash => [.. (await db.HashGetAllAsync(key)).SelectMany(e => new[] { e.Name.ToString(), e.Value.ToString() })],
        RedisType.Set => [.. (await db.SetMembersAsync(key)).Select(v => v.ToString())],
        RedisType.SortedSet => [.. (await db.SortedSetRangeByRankAsync(key)).Select(v => v.ToString())],
        RedisType.List => [.. (await db.ListRangeAsync(key)).Select(v => v.ToString())],
        var other => throw new Xunit.Sdk.XunitException($"{key} has type {other}, which this scan does not read"),
    };

    private static ConfigurationOptions RedisUrl(string url) => JourneyFeedback.Store.RedisUrl.ToConfiguration(url);
}

file static class ResultExtensions
{
    public static void Origin(this IngestV1.SubmitResult result) => Assert.False(result.Duplicate);
}
