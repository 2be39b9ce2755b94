extern alias cli;

using System.Net;
using System.Net.Http.Json;
using System.Text;
using Google.Rpc;
using Grpc.Core;
using Grpc.Health.V1;
using JourneyFeedback.IntegrationTests.Infrastructure;
using FeedV1 = cli::JourneyFeedback.Feed.V1;
using IngestV1 = cli::JourneyFeedback.Ingestion.V1;

namespace JourneyFeedback.IntegrationTests;

/// <summary>Ingestion, Analysis and Aggregator as separate hosts over a real RabbitMQ and a real Redis.</summary>
[Collection(DistributedPipelineCollection.Name)]
public sealed class EndToEndTests(DistributedPipeline pipeline)
{
    private readonly PipelineClient _client = new(pipeline.Ingestion.Grpc, pipeline.Aggregator.Grpc);

    [Fact]
    public async Task ATicketSubmittedOverGrpcAppearsAtItsStageWithSentimentAndTopic()
    {
        var result = await _client.Ingestion.SubmitTicketAsync(new IngestV1.Ticket
        {
            Origin = PipelineClient.Origin(),
            Text = "The checkout kept rejecting my card, tried three times and gave up",
            Priority = "high",
        });
        Assert.False(result.Duplicate);

        var pain = await _client.PainPointAsync("purchase", result.FeedbackId);
        Assert.Equal("checkout_payment", pain.Topic);
        Assert.Equal("negative", pain.SentimentLabel);
        Assert.InRange(pain.Sentiment, -1, -0.05);
        Assert.Equal(("ticket", "e2e-tests", "en"), (pain.Channel, pain.Source, pain.Language));
        Assert.Contains("rejecting my card", pain.Text);

        var stage = await _client.StageAsync("purchase");
        Assert.True(stage.FeedbackCount >= 1 && stage.PainPointCount >= 1);
        Assert.InRange(stage.AverageSentiment, -1, 1);
    }

    [Fact]
    public async Task TheSameExternalIdSubmittedTwiceIsCountedOnce()
    {
        var before = await _client.StageAsync("purchase");
        var origin = PipelineClient.Origin();
        var ticket = new IngestV1.Ticket { Origin = origin, Text = "My parcel never arrived and the courier tracking is stuck for a week" , };
        ticket.Origin.Stage = "purchase";

        var first = await _client.Ingestion.SubmitTicketAsync(ticket);
        var second = await _client.Ingestion.SubmitTicketAsync(ticket);
        Assert.Equal((false, true), (first.Duplicate, second.Duplicate));
        Assert.Equal(first.FeedbackId, second.FeedbackId);

        await _client.PainPointAsync("purchase", first.FeedbackId);
        // A later marker item proves the pipeline has drained past any second copy.
        var marker = await _client.Ingestion.SubmitTicketAsync(new IngestV1.Ticket
        {
            Origin = new IngestV1.Origin { Source = "e2e-tests", Stage = "purchase" },
            Text = "Payment failed again at checkout, this is ridiculous",
        });
        await _client.PainPointAsync("purchase", marker.FeedbackId);

        var after = await _client.StageAsync("purchase");
        Assert.Equal(before.FeedbackCount + 2, after.FeedbackCount);
        var pain = await _client.Feed.GetPainPointAsync(new FeedV1.GetPainPointRequest { Id = first.FeedbackId, Verbatims = 50 });
        Assert.Single(pain.Verbatims, v => v.FeedbackId == first.FeedbackId);
    }

    [Theory]
    [InlineData("text", "")]
    [InlineData("origin.source", "source")]
    public async Task AnInvalidTicketIsRejectedNamingTheField(string field, string blank)
    {
        var ticket = new IngestV1.Ticket { Origin = PipelineClient.Origin(), Text = "The app crashes" };
        if (blank == "") ticket.Text = "   ";
        else ticket.Origin.Source = "";

        var e = await Assert.ThrowsAsync<RpcException>(() => _client.Ingestion.SubmitTicketAsync(ticket).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, e.StatusCode);
        Assert.Contains(field, e.Status.Detail);
        Assert.Equal(field, Assert.Single(BadRequestOf(e).FieldViolations).Field);
    }

    [Theory]
    [InlineData(11, null, "nps")]
    [InlineData(null, 0, "csat")]
    public async Task SurveyScoresOutOfRangeAreRejectedNamingTheScore(int? nps, int? csat, string field)
    {
        var survey = new IngestV1.SurveyResponse { Origin = PipelineClient.Origin(), Text = "fine I guess" };
        if (nps is { } n) survey.Nps = n;
        if (csat is { } c) survey.Csat = c;

        var e = await Assert.ThrowsAsync<RpcException>(() => _client.Ingestion.SubmitSurveyResponseAsync(survey).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, e.StatusCode);
        Assert.Equal(field, Assert.Single(BadRequestOf(e).FieldViolations).Field);
    }

    [Fact]
    public async Task AStreamGetsOneResultPerItemAndAnUnknownChannelIsRejectedInPlace()
    {
        using var call = _client.Ingestion.SubmitStream();
        var items = new[]
        {
            new IngestV1.FeedbackItem { CorrelationId = "a", Review = new IngestV1.Review { Origin = PipelineClient.Origin(), Rating = 1, Text = "Broke after two days, cheap plastic" } },
            new IngestV1.FeedbackItem { CorrelationId = "b" },
            new IngestV1.FeedbackItem { CorrelationId = "c", SocialMention = new IngestV1.SocialMention { Origin = PipelineClient.Origin(), Text = "@shop your ads are everywhere lol" } },
            new IngestV1.FeedbackItem { CorrelationId = "d", SurveyResponse = new IngestV1.SurveyResponse { Origin = PipelineClient.Origin(), Nps = 11, Text = "x" } },
        };
        foreach (var item in items) await call.RequestStream.WriteAsync(item);
        await call.RequestStream.CompleteAsync();
        var results = new List<IngestV1.StreamResult>();
        await foreach (var r in call.ResponseStream.ReadAllAsync()) results.Add(r);

        Assert.Equal(["a", "b", "c", "d"], results.Select(r => r.CorrelationId));
        Assert.Equal([0, 1, 2, 3], results.Select(r => r.Index));
        Assert.NotEmpty(results[0].Result.FeedbackId);
        Assert.Equal(("InvalidArgument", "kind"), (results[1].ErrorCode, Assert.Single(results[1].Violations).Field));
        Assert.NotEmpty(results[2].Result.FeedbackId);
        Assert.Equal("survey_response.nps", Assert.Single(results[3].Violations).Field);

        await _client.PainPointAsync("retention", results[0].Result.FeedbackId);
    }

    [Fact]
    public async Task AWebhookIsAcceptedWith202AndReachesTheFeed()
    {
        var response = await pipeline.Ingestion.Http.PostAsJsonAsync("/webhooks/survey-tool", new
        {
            channel = "survey",
            externalId = Guid.NewGuid().ToString(),
            nps = 2,
            stage = "retention",
            text = "Support never answered my emails, I waited two weeks for a reply",
            formId = "nps-q4",
        });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<WebhookAnswer>();
        var pain = await _client.PainPointAsync("retention", body!.FeedbackId.ToString());
        Assert.Equal(("survey", "survey-tool", "source"), (pain.Channel, pain.Source, pain.StageReason));
    }

    [Theory]
    [InlineData("""{"channel":"survey","text":"truncated""")]
    [InlineData("not json at all")]
    [InlineData("")]
    public async Task AMalformedWebhookGetsA400ProblemNotA500(string body)
    {
        var response = await pipeline.Ingestion.Http.PostAsync("/webhooks/survey-tool", new StringContent(body, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("JSON", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task AWebhookWithBadFieldsGetsAProblemNamingEachField()
    {
        var response = await pipeline.Ingestion.Http.PostAsJsonAsync("/webhooks/survey-tool", new { channel = "fax", nps = 11, csat = 0, text = "" });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<Problem>();
        Assert.Equal(["channel", "csat", "nps", "text"], problem!.Errors.Keys.Order());
    }

    [Fact]
    public async Task WatchPainPointsStreamsANewPainPoint()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var watch = _client.Feed.WatchPainPoints(new FeedV1.WatchPainPointsRequest { Stage = "awareness" }, cancellationToken: cts.Token);
        var next = watch.ResponseStream.MoveNext(cts.Token);
        string? id = null;
        // The watch may still be subscribing when the first item lands: send until one is seen.
        for (var i = 0; i < 20 && !next.IsCompleted; i++)
        {
            var r = await _client.Ingestion.SubmitSocialMentionAsync(new IngestV1.SocialMention
            {
                Origin = new IngestV1.Origin { Source = "e2e-tests", Stage = "awareness" },
                Text = $"Your Instagram ads are so misleading, the price in the ad was fake #{i}",
            });
            id ??= r.FeedbackId;
            await Task.WhenAny(next, Task.Delay(1000, cts.Token));
        }
        Assert.True(await next);
        Assert.Equal("awareness", watch.ResponseStream.Current.Stage);
        Assert.NotNull(id);
    }

    [Fact]
    public async Task AnUnknownStageInTheFeedIsInvalidArgument()
    {
        var e = await Assert.ThrowsAsync<RpcException>(() => _client.Feed.ListPainPointsAsync(new FeedV1.ListPainPointsRequest { Stage = "nirvana" }).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, e.StatusCode);
        Assert.StartsWith("stage:", e.Status.Detail);
        var http = await pipeline.Aggregator.Http.GetAsync("/api/pain-points?stage=nirvana");
        Assert.Equal(HttpStatusCode.BadRequest, http.StatusCode);
        Assert.Equal("application/problem+json", http.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task EveryServiceReportsLiveAndReadyOverHttpAndGrpc()
    {
        foreach (var service in new[] { pipeline.Ingestion, pipeline.Analysis, pipeline.Aggregator })
        {
            Assert.Equal(HttpStatusCode.OK, (await service.Http.GetAsync("/alive")).StatusCode);
            var health = await Net.Eventually(async () =>
            {
                var r = await service.Http.GetAsync("/health");
                return r.StatusCode == HttpStatusCode.OK ? r : null;
            }, "/health to report healthy");
            Assert.Equal("Healthy", await health.Content.ReadAsStringAsync());
            var grpc = await new Health.HealthClient(service.Grpc).CheckAsync(new HealthCheckRequest());
            Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, grpc.Status);
        }
    }

    [Fact]
    public async Task TheHttpFeedListsStagesInJourneyOrder()
    {
        var stages = await pipeline.Aggregator.Http.GetFromJsonAsync<StageDto[]>("/api/stages");
        Assert.Equal(["awareness", "consideration", "purchase", "retention", "advocacy"], stages!.Select(s => s.Name));
    }

    private static BadRequest BadRequestOf(RpcException e) =>
        e.GetRpcStatus()?.GetDetail<BadRequest>() ?? throw new Xunit.Sdk.XunitException("no BadRequest details in " + e.Status);

    private sealed record WebhookAnswer(Guid FeedbackId, bool Duplicate);

    private sealed record Problem(string Title, int Status, Dictionary<string, string[]> Errors);

    private sealed record StageDto(string Name, long FeedbackCount, long PainPointCount, double AverageSentiment);
}
