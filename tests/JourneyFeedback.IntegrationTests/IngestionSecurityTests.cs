extern alias cli;

using System.Net;
using System.Net.Http.Json;
using System.Text;
using Google.Rpc;
using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Net.Client;
using JourneyFeedback.Ingestion;
using JourneyFeedback.Ingestion.Http.Signatures;
using JourneyFeedback.IntegrationTests.Infrastructure;
using FeedV1 = cli::JourneyFeedback.Feed.V1;
using IngestV1 = cli::JourneyFeedback.Ingestion.V1;

namespace JourneyFeedback.IntegrationTests;

/// <summary>Signed webhooks per format, API keys and scopes, idempotency, limits and Dapr, on the running pipeline.</summary>
[Collection(DistributedPipelineCollection.Name)]
public sealed class IngestionSecurityTests(DistributedPipeline pipeline)
{
    private static readonly string Fixtures = Path.Combine(AppContext.BaseDirectory, "Fixtures", "Webhooks");

    private HttpClient Anonymous(ServiceProcess service) => new() { BaseAddress = service.Http.BaseAddress };

    private static GrpcChannel Channel(ServiceProcess service, Credentials credentials) =>
        GrpcChannel.ForAddress($"http://127.0.0.1:{service.GrpcPort}", new GrpcChannelOptions { HttpHandler = credentials.Handler() });

    private static HttpRequestMessage Post(string path, byte[] body, params (string Name, string Value)[] headers)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new("application/json");
        foreach (var (name, value) in headers) request.Headers.TryAddWithoutValidation(name, value);
        return request;
    }

    private static byte[] Fixture(string name) =>
        File.ReadAllBytes(Path.Combine(Fixtures, name)) is var bytes
            // A fresh token/ticket id per run, so reruns against a kept Redis are not duplicates.
            ? Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(bytes)
                .Replace("a3a12ec67a1365927098a606107fac15", Guid.NewGuid().ToString("N"))
                .Replace("\"5158\"", $"\"{Random.Shared.Next()}\"")
                .Replace("6745a1c2f0e3b2a1d4c5e6f", Guid.NewGuid().ToString("N")[..23]))
            : [];

    private static async Task AssertProblem(HttpResponseMessage response, HttpStatusCode status, string reason)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(reason, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task ATypeformResponseSignedWithTypeformsSchemeIsAcceptedAndATamperedOneIsNot()
    {
        var body = Fixture("typeform-form-response.json");
        var signature = ("Typeform-Signature", SignatureSchemes.SignTypeform(DistributedPipeline.TypeformSecret, body));
        var http = Anonymous(pipeline.Ingestion);

        Assert.Equal(HttpStatusCode.Accepted, (await http.SendAsync(Post("/webhooks/tf-acme/typeform", body, signature))).StatusCode);
        var tampered = body.ToArray();
        tampered[^10] ^= 1;
        await AssertProblem(await http.SendAsync(Post("/webhooks/tf-acme/typeform", tampered, signature)), HttpStatusCode.Unauthorized, "does not match");
        await AssertProblem(await http.SendAsync(Post("/webhooks/tf-acme/typeform", body)), HttpStatusCode.Unauthorized, "Typeform-Signature");
    }

    [Fact]
    public async Task AZendeskTicketSignedWithEitherActiveSecretIsAcceptedAndAStaleOneIsNot()
    {
        var http = Anonymous(pipeline.Ingestion);
        foreach (var secret in new[] { DistributedPipeline.ZendeskSecret, "old-" + DistributedPipeline.ZendeskSecret })
        {
            var body = Fixture("zendesk-ticket-created.json");
            var timestamp = DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ");
            var response = await http.SendAsync(Post("/webhooks/zd-acme/zendesk", body,
                ("X-Zendesk-Webhook-Signature", SignatureSchemes.SignZendesk(secret, timestamp, body)),
                ("X-Zendesk-Webhook-Signature-Timestamp", timestamp)));
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        }

        var stale = DateTimeOffset.UtcNow.AddMinutes(-6).ToString("yyyy-MM-ddTHH:mm:ssZ");
        var old = Fixture("zendesk-trigger.json");
        await AssertProblem(await http.SendAsync(Post("/webhooks/zd-acme/zendesk", old,
            ("X-Zendesk-Webhook-Signature", SignatureSchemes.SignZendesk(DistributedPipeline.ZendeskSecret, stale, old)),
            ("X-Zendesk-Webhook-Signature-Timestamp", stale))), HttpStatusCode.Unauthorized, "more than 5 minutes");
    }

    [Fact]
    public async Task TrustpilotEventsSignedWithStandardWebhooksAreAcceptedOneResultPerReview()
    {
        var response = await pipeline.Ingestion.Http.SendAsync(Post("/webhooks/tp-acme/trustpilot", Fixture("trustpilot-service-reviews.json")));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var answer = await response.Content.ReadFromJsonAsync<MultiAnswer>();
        Assert.Equal(2, answer!.Items.Count);
        Assert.All(answer.Items, i => Assert.NotEqual(Guid.Empty, i.FeedbackId));
    }

    [Fact]
    public async Task ATrustpilotDeliveryWithNoValidReviewIs400NamingEachEvent()
    {
        var response = await pipeline.Ingestion.Http.PostAsJsonAsync("/webhooks/tp-acme/trustpilot", new
        {
            events = new[] { new { eventData = new { id = "r1", stars = 9, text = "x" } }, new { eventData = new { id = "r2", stars = 0, text = "y" } } },
        });
        await AssertProblem(response, HttpStatusCode.BadRequest, "events[1].eventData.stars");
    }

    [Fact]
    public async Task WebhooksWithoutAValidSignatureGet401WithTheReason()
    {
        var http = Anonymous(pipeline.Ingestion);
        var body = """{"channel":"survey","text":"hi","nps":5}"""u8.ToArray();
        await AssertProblem(await http.SendAsync(Post("/webhooks/survey-tool", body)), HttpStatusCode.Unauthorized, "webhook-signature");
        await AssertProblem(await http.SendAsync(Post("/webhooks/nobody-configured-me", body)), HttpStatusCode.Unauthorized, "no webhook secret");

        var now = DateTimeOffset.UtcNow;
        var wrong = SignatureSchemes.SignStandard("whsec_" + Convert.ToBase64String(new byte[32]), "m1", now, body);
        await AssertProblem(await http.SendAsync(Post("/webhooks/survey-tool", body,
            ("webhook-id", "m1"), ("webhook-timestamp", now.ToUnixTimeSeconds().ToString()), ("webhook-signature", wrong))), HttpStatusCode.Unauthorized, "does not match");
    }

    [Fact]
    public async Task AnUnknownFormatIs404()
    {
        var response = await pipeline.Ingestion.Http.PostAsJsonAsync("/webhooks/survey-tool/surveymonkey", new { channel = "survey", text = "x" });
        await AssertProblem(response, HttpStatusCode.NotFound, "typeform");
    }

    [Fact]
    public async Task AnIdempotencyKeyRetryIsADuplicateWithTheOriginalId()
    {
        var key = Guid.NewGuid().ToString();
        async Task<HttpResponseMessage> Send() => await pipeline.Ingestion.Http.SendAsync(Post("/webhooks/survey-tool",
            """{"channel":"survey","text":"The app logs me out every day","csat":2}"""u8.ToArray(), ("Idempotency-Key", key)));

        var first = await Send();
        var second = await Send();
        Assert.Equal((HttpStatusCode.Accepted, HttpStatusCode.OK), (first.StatusCode, second.StatusCode));
        var (a, b) = (await first.Content.ReadFromJsonAsync<Answer>(), await second.Content.ReadFromJsonAsync<Answer>());
        Assert.Equal((false, true, a!.FeedbackId), (a.Duplicate, b!.Duplicate, b.FeedbackId));
    }

    [Fact]
    public async Task GrpcWithoutOrWithAnUnknownKeyIsUnauthenticated()
    {
        foreach (var credentials in new[] { Credentials.None, new Credentials("not-a-key", null) })
        {
            var client = new IngestV1.FeedbackIngestion.FeedbackIngestionClient(Channel(pipeline.Ingestion, credentials));
            var e = await Assert.ThrowsAsync<RpcException>(() => client.SubmitTicketAsync(new IngestV1.Ticket { Origin = PipelineClient.Origin(), Text = "x" }).ResponseAsync);
            Assert.Equal(StatusCode.Unauthenticated, e.StatusCode);
        }
        var feed = new FeedV1.JourneyFeed.JourneyFeedClient(Channel(pipeline.Aggregator, Credentials.None));
        Assert.Equal(StatusCode.Unauthenticated, (await Assert.ThrowsAsync<RpcException>(() => feed.ListStagesAsync(new FeedV1.ListStagesRequest()).ResponseAsync)).StatusCode);
    }

    [Fact]
    public async Task AKeyWithoutTheScopeIsPermissionDenied()
    {
        var ingest = new IngestV1.FeedbackIngestion.FeedbackIngestionClient(Channel(pipeline.Ingestion, Credentials.FeedReader));
        var e = await Assert.ThrowsAsync<RpcException>(() => ingest.SubmitTicketAsync(new IngestV1.Ticket { Origin = PipelineClient.Origin(), Text = "x" }).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, e.StatusCode);
        Assert.Contains("ingest", e.Status.Detail);

        var feed = new FeedV1.JourneyFeed.JourneyFeedClient(Channel(pipeline.Aggregator, Credentials.AcmeIngest));
        Assert.Equal(StatusCode.PermissionDenied, (await Assert.ThrowsAsync<RpcException>(() => feed.ListStagesAsync(new FeedV1.ListStagesRequest()).ResponseAsync)).StatusCode);
        var reader = new FeedV1.JourneyFeed.JourneyFeedClient(Channel(pipeline.Aggregator, Credentials.FeedReader));
        Assert.Equal(5, (await reader.ListStagesAsync(new FeedV1.ListStagesRequest())).Stages.Count);
    }

    [Fact]
    public async Task ASourceBoundKeyIsRefusedForAnotherSourceAndFillsInItsOwn()
    {
        var acme = new IngestV1.FeedbackIngestion.FeedbackIngestionClient(Channel(pipeline.Ingestion, Credentials.AcmeIngest));
        var e = await Assert.ThrowsAsync<RpcException>(() => acme.SubmitReviewAsync(new IngestV1.Review
        {
            Origin = new IngestV1.Origin { Source = "zendesk" }, Rating = 2, Text = "meh",
        }).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, e.StatusCode);
        Assert.Contains("'acme'", e.Status.Detail);

        var ok = await acme.SubmitReviewAsync(new IngestV1.Review { Origin = new IngestV1.Origin(), Rating = 1, Text = "The zipper broke on the first day" });
        var pain = await new PipelineClient(pipeline.Ingestion.Grpc, pipeline.Aggregator.Grpc).PainPointAsync("retention", ok.FeedbackId);
        Assert.Equal("acme", pain.Source);
    }

    [Fact]
    public async Task TheHttpFeedAndDashboardWantAReadKey()
    {
        var http = Anonymous(pipeline.Aggregator);
        await AssertProblem(await http.GetAsync("/api/stages"), HttpStatusCode.Unauthorized, "API key");
        await AssertProblem(await http.GetAsync("/"), HttpStatusCode.Unauthorized, "API key");
        var ingestOnly = new HttpRequestMessage(HttpMethod.Get, "/api/stages") { Headers = { { "x-api-key", Credentials.AcmeIngest.ApiKey } } };
        await AssertProblem(await http.SendAsync(ingestOnly), HttpStatusCode.Forbidden, "read-feed");
        var bearer = new HttpRequestMessage(HttpMethod.Get, "/api/stages") { Headers = { { "Authorization", "Bearer " + Credentials.FeedReader.ApiKey } } };
        Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(bearer)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/alive")).StatusCode);
    }

    [Fact]
    public async Task HealthNeedsNoKey()
    {
        var health = new Health.HealthClient(Channel(pipeline.Ingestion, Credentials.None));
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, (await health.CheckAsync(new HealthCheckRequest())).Status);
    }

    [Fact]
    public async Task ASourceOverItsRateGets429WithRetryAfterOnHttpAndResourceExhaustedOnGrpc()
    {
        var statuses = new List<HttpResponseMessage>();
        for (var i = 0; i < 5; i++)
            statuses.Add(await pipeline.Ingestion.Http.PostAsJsonAsync("/webhooks/slow", new { channel = "survey", nps = 3, externalId = Guid.NewGuid().ToString() }));
        var limited = statuses.First(r => r.StatusCode == HttpStatusCode.TooManyRequests);
        Assert.True(limited.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1));
        await AssertProblem(limited, HttpStatusCode.TooManyRequests, "slow");

        var client = new IngestV1.FeedbackIngestion.FeedbackIngestionClient(pipeline.Ingestion.Grpc);
        RpcException? exhausted = null;
        for (var i = 0; i < 5 && exhausted is null; i++)
        {
            try { await client.SubmitSurveyResponseAsync(new IngestV1.SurveyResponse { Origin = new IngestV1.Origin { Source = "slow" }, Nps = 9 }); }
            catch (RpcException e) { exhausted = e; }
        }
        Assert.Equal(StatusCode.ResourceExhausted, exhausted?.StatusCode);
        Assert.True(exhausted!.GetRpcStatus()?.GetDetail<RetryInfo>()?.RetryDelay.ToTimeSpan() > TimeSpan.Zero);
        Assert.Equal("1", exhausted!.Trailers.GetValue("retry-after"));
    }

    [Fact]
    public async Task AStreamLongerThanTheBatchLimitEndsWithResourceExhaustedAfterTheLimit()
    {
        var client = new IngestV1.FeedbackIngestion.FeedbackIngestionClient(pipeline.Ingestion.Grpc);
        using var call = client.SubmitStream();
        var results = new List<IngestV1.StreamResult>();
        var reading = Task.Run(async () =>
        {
            await foreach (var r in call.ResponseStream.ReadAllAsync()) results.Add(r);
        });
        try
        {
            for (var i = 0; i < DistributedPipeline.MaxStreamItems + 10; i++)
                await call.RequestStream.WriteAsync(new IngestV1.FeedbackItem { CorrelationId = $"{i}", SurveyResponse = new IngestV1.SurveyResponse { Origin = PipelineClient.Origin(), Nps = 8 } });
            await call.RequestStream.CompleteAsync();
        }
        catch (RpcException) { }
        catch (InvalidOperationException) { }
        var e = await Assert.ThrowsAsync<RpcException>(() => reading);
        Assert.Equal(StatusCode.ResourceExhausted, e.StatusCode);
        Assert.Equal(DistributedPipeline.MaxStreamItems, results.Count);
        Assert.Equal(Enumerable.Range(0, DistributedPipeline.MaxStreamItems).Select(i => $"{i}"), results.Select(r => r.CorrelationId));
    }

    [Fact]
    public async Task AStandaloneServiceWithAuthOnAndNoKeysRefusesToStart()
    {
        var e = await Assert.ThrowsAnyAsync<Exception>(() => ServiceProcess.StartAsync(IngestionService.Build,
            $"--Messaging:RabbitMqUrl={pipeline.Deps.RabbitMqUrl}", $"--Store:RedisUrl={pipeline.Deps.RedisUrl}"));
        Assert.Contains("Auth:Enabled is true but no API key is configured", e.Message);
    }

    [Fact]
    public async Task DaprSubscribesToTheFeedbackTopicAndTakesCloudEventsOnce()
    {
        var http = Anonymous(pipeline.Ingestion);
        var subscriptions = await http.GetStringAsync("/dapr/subscribe");
        Assert.Contains("\"topic\":\"feedback\"", subscriptions);
        Assert.Contains("\"pubsubName\":\"pubsub\"", subscriptions);
        Assert.Contains("dapr/feedback", subscriptions);

        var id = Guid.NewGuid().ToString();
        HttpRequestMessage CloudEvent(object data) => new(HttpMethod.Post, "/dapr/feedback")
        {
            Content = new StringContent(System.Text.Json.JsonSerializer.Serialize(new
            {
                specversion = "1.0", id, source = "Orders-App", type = "com.dapr.event.sent", topic = "feedback", pubsubname = "pubsub",
                datacontenttype = "application/json", data,
            }), Encoding.UTF8, "application/cloudevents+json"),
        };
        var data = new { channel = "ticket", text = "My order arrived broken and without the charger, really disappointed", stage = "purchase" };
        var first = await (await http.SendAsync(CloudEvent(data))).Content.ReadFromJsonAsync<DaprAnswer>();
        var again = await (await http.SendAsync(CloudEvent(data))).Content.ReadFromJsonAsync<DaprAnswer>();
        Assert.Equal(("SUCCESS", false), (first!.Status, first.Duplicate));
        Assert.Equal(("SUCCESS", true, first.FeedbackId), (again!.Status, again.Duplicate, again.FeedbackId));
        var pain = await new PipelineClient(pipeline.Ingestion.Grpc, pipeline.Aggregator.Grpc).PainPointAsync("purchase", first.FeedbackId.ToString());
        Assert.Equal("orders-app", pain.Source);

        id = Guid.NewGuid().ToString();
        var bad = await http.SendAsync(CloudEvent(new { channel = "fax", text = "" }));
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        var dropped = await bad.Content.ReadAsStringAsync();
        Assert.Contains("\"status\":\"DROP\"", dropped);
        Assert.Contains("channel", dropped);
    }

    private sealed record Answer(Guid FeedbackId, bool Duplicate);

    private sealed record MultiAnswer(List<Answer> Items);

    private sealed record DaprAnswer(string Status, Guid FeedbackId, bool Duplicate);
}
