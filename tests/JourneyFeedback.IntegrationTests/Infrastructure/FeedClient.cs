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

    /// <summary>
    /// Waits until the feedback shows up as a mention of a pain point at the stage, and returns that pain point
    /// as seen through the mention: its text, channel, source and stage reason are the feedback's own.
    /// </summary>
    public Task<FeedV1.PainPoint> PainPointAsync(string stage, string feedbackId) =>
        Net.Eventually(async () =>
        {
            FeedV1.PainPoint pain;
            try
            {
                pain = await Feed.GetPainPointAsync(new FeedV1.GetPainPointRequest { Id = feedbackId, Verbatims = 50 });
            }
            catch (Grpc.Core.RpcException e) when (e.StatusCode == Grpc.Core.StatusCode.NotFound)
            {
                return null;
            }
            if (pain.Stage != stage || pain.Verbatims.FirstOrDefault(v => v.FeedbackId == feedbackId) is not { } mention) return null;
            var seen = pain.Clone();
            (seen.FeedbackId, seen.Text, seen.Channel, seen.Source, seen.Language, seen.StageReason, seen.Sentiment, seen.ReceivedAt) =
                (mention.FeedbackId, mention.Text, mention.Channel, mention.Source, mention.Language, mention.StageReason, mention.Sentiment, mention.ReceivedAt);
            return seen;
        }, $"feedback {feedbackId} in the {stage} pain points");

    public async Task<FeedV1.Stage> StageAsync(string stage) =>
        (await Feed.ListStagesAsync(new FeedV1.ListStagesRequest())).Stages.Single(s => s.Name == stage);
}
