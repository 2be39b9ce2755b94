extern alias cli;

using Grpc.Net.Client;
using FeedV1 = cli::JourneyFeedback.Feed.V1;
using IngestV1 = cli::JourneyFeedback.Ingestion.V1;

namespace JourneyFeedback.IntegrationTests.Infrastructure;

/// <summary>The calls the end-to-end tests make, over the same generated clients jf uses.</summary>
public sealed class PipelineClient(GrpcChannel ingestion, GrpcChannel feed)
{
    public IngestV1.FeedbackIngestion.FeedbackIngestionClient Ingestion { get; } = new(ingestion);
    public FeedV1.JourneyFeed.JourneyFeedClient Feed { get; } = new(feed);

    public static IngestV1.Origin Origin(string? externalId = null) => new()
    {
        Source = "e2e-tests",
        ExternalId = externalId ?? Guid.NewGuid().ToString("N"),
    };

    /// <summary>Waits until the feedback shows up in a stage's pain points.</summary>
    public Task<FeedV1.PainPoint> PainPointAsync(string stage, string feedbackId) =>
        Net.Eventually(async () =>
        {
            var page = await Feed.ListPainPointsAsync(new FeedV1.ListPainPointsRequest { Stage = stage, PageSize = 500 });
            return page.PainPoints.FirstOrDefault(p => p.FeedbackId == feedbackId);
        }, $"feedback {feedbackId} in the {stage} pain points");

    public async Task<FeedV1.Stage> StageAsync(string stage) =>
        (await Feed.ListStagesAsync(new FeedV1.ListStagesRequest())).Stages.Single(s => s.Name == stage);
}
