using System.Net;
using System.Text;
using JourneyFeedback.IntegrationTests.Infrastructure;

namespace JourneyFeedback.IntegrationTests;

[Collection(DistributedPipelineCollection.Name)]
public sealed class WebhookLimitTests(DistributedPipeline pipeline)
{
    [Fact]
    public async Task AnOversizedWebhookGets413AndTheServiceLivesOn()
    {
        var body = "{\"channel\":\"review\",\"text\":\"" + new string('a', 1_100_000) + "\"}";
        var response = await pipeline.Ingestion.Http.PostAsync("/webhooks/survey-tool", new StringContent(body, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.OK, (await pipeline.Ingestion.Http.GetAsync("/alive")).StatusCode);
    }

    [Fact]
    public async Task AWebhookThatIsNotJsonGets415()
    {
        var response = await pipeline.Ingestion.Http.PostAsync("/webhooks/survey-tool",
            new StringContent("text=hi", Encoding.UTF8, "application/x-www-form-urlencoded"));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task ABadSourceNameInThePathIsNamedInTheProblem()
    {
        var response = await pipeline.Ingestion.Http.PostAsync("/webhooks/Bad%20Source",
            new StringContent("{\"channel\":\"survey\",\"text\":\"hi\"}", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("\"source\"", await response.Content.ReadAsStringAsync());
    }
}
