using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using JourneyFeedback.Feed.V1;
using JourneyFeedback.Store;

namespace JourneyFeedback.Aggregator.Grpc;

public sealed class JourneyFeedService(FeedQueries feed) : JourneyFeed.JourneyFeedBase
{
    public override async Task<ListStagesResponse> ListStages(ListStagesRequest request, ServerCallContext context)
    {
        var response = new ListStagesResponse();
        response.Stages.AddRange((await feed.StagesAsync(context.CancellationToken)).Select(s => new Stage
        {
            Name = s.Stage,
            FeedbackCount = s.FeedbackCount,
            PainPointCount = s.PainPointCount,
            AverageSentiment = s.AverageSentiment,
        }));
        return response;
    }

    public override async Task<ListPainPointsResponse> ListPainPoints(ListPainPointsRequest request, ServerCallContext context)
    {
        PainPointPage page;
        try
        {
            page = await feed.PainPointsAsync(request.Stage, request.PageSize, request.PageToken, context.CancellationToken);
        }
        catch (ArgumentException e)
        {
            throw InvalidArgument(e);
        }
        var response = new ListPainPointsResponse { NextPageToken = page.NextPageToken ?? "" };
        response.PainPoints.AddRange(page.Items.Select(ToProto));
        return response;
    }

    public override async Task WatchPainPoints(WatchPainPointsRequest request, IServerStreamWriter<PainPoint> responseStream, ServerCallContext context)
    {
        try { feed.CheckStage(request.Stage); }
        catch (ArgumentException e) { throw InvalidArgument(e); }

        try
        {
            await foreach (var pain in feed.WatchAsync(context.CancellationToken))
                if (string.IsNullOrEmpty(request.Stage) || pain.Stage == request.Stage)
                    await responseStream.WriteAsync(ToProto(pain), context.CancellationToken);
        }
        catch (OperationCanceledException) when (context.CancellationToken.IsCancellationRequested)
        {
            // The client went away.
        }
    }

    private static RpcException InvalidArgument(ArgumentException e) =>
        new(new Status(StatusCode.InvalidArgument, $"{e.ParamName}: {e.Message.Replace($" (Parameter '{e.ParamName}')", "")}"));

    internal static PainPoint ToProto(PainPointRecord p) => new()
    {
        FeedbackId = p.FeedbackId.ToString(),
        Stage = p.Stage,
        StageReason = p.StageReason,
        Topic = p.Topic,
        TopicConfidence = p.TopicConfidence,
        Sentiment = p.Sentiment,
        SentimentLabel = p.SentimentLabel,
        Text = p.Text,
        Channel = p.Channel,
        Source = p.Source,
        Language = p.Language,
        ReceivedAt = Timestamp.FromDateTimeOffset(p.ReceivedAt),
    };
}
