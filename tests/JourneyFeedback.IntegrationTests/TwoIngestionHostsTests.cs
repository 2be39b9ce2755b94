extern alias cli;

using System.Net.Http.Json;
using JourneyFeedback.Ingestion;
using JourneyFeedback.IntegrationTests.Infrastructure;
using IngestV1 = cli::JourneyFeedback.Ingestion.V1;

namespace JourneyFeedback.IntegrationTests;

/// <summary>Two Ingestion replicas sharing Redis: a retry that lands on the other replica is still a duplicate.</summary>
[Collection(DistributedPipelineCollection.Name)]
public sealed class TwoIngestionHostsTests(DistributedPipeline pipeline)
{
    [Fact]
    public async Task TheSameExternalIdThroughTwoHostsIsCountedOnce()
    {
        var prefix = $"two{Guid.NewGuid():N}"[..20] + ":";
        await using var a = await ServiceProcess.StartAsync(IngestionService.Build, Credentials.Pipeline, pipeline.IngestionSettings(prefix));
        await using var b = await ServiceProcess.StartAsync(IngestionService.Build, Credentials.Pipeline, pipeline.IngestionSettings(prefix));
        await using var tap = await BrokerTap.StartAsync(pipeline.Deps.RabbitMqUrl);

        var externalId = "T-" + Guid.NewGuid().ToString("N");
        var ticket = new IngestV1.Ticket
        {
            Origin = new IngestV1.Origin { Source = "replicated", ExternalId = externalId },
            Text = "The courier left my parcel in the rain",
        };
        // Both replicas race for the same item, several times over.
        var results = await Task.WhenAll(Enumerable.Range(0, 6).Select(i =>
            new IngestV1.FeedbackIngestion.FeedbackIngestionClient(i % 2 == 0 ? a.Grpc : b.Grpc).SubmitTicketAsync(ticket).ResponseAsync));
        Assert.Single(results, r => !r.Duplicate);
        Assert.Single(results.Select(r => r.FeedbackId).Distinct());

        var key = Guid.NewGuid().ToString();
        var webhookIds = new List<string>();
        foreach (var host in new[] { a, b })
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/survey-tool")
            {
                Content = JsonContent.Create(new { channel = "survey", nps = 4, text = "Too many emails from you" }),
                Headers = { { "Idempotency-Key", key } },
            };
            var answer = await (await host.Http.SendAsync(request)).Content.ReadFromJsonAsync<Dictionary<string, object>>();
            webhookIds.Add(answer!["feedbackId"].ToString()!);
        }
        Assert.Single(webhookIds.Distinct());

        // A marker sent after both proves the broker has delivered everything before it.
        var marker = await new IngestV1.FeedbackIngestion.FeedbackIngestionClient(b.Grpc).SubmitTicketAsync(new IngestV1.Ticket
        {
            Origin = new IngestV1.Origin { Source = "replicated", ExternalId = Guid.NewGuid().ToString() }, Text = "marker",
        });
        await Net.Eventually(() => Task.FromResult(tap.Messages.Any(m => m.Contains(marker.FeedbackId)) ? "" : null), "the marker on the broker");
        Assert.Single(tap.Messages, m => m.Contains(externalId));
        Assert.Single(tap.Messages, m => m.Contains(webhookIds[0]));
    }
}
