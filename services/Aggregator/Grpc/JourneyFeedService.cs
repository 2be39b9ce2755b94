using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using JourneyFeedback.Feed.V1;
using JourneyFeedback.Store;

namespace JourneyFeedback.Aggregator.Grpc;

public sealed class JourneyFeedService(FeedQueries feed, TimeProvider clock) : JourneyFeed.JourneyFeedBase
{
    public override async Task<ListStagesResponse> ListStages(ListStagesRequest request, ServerCallContext context)
    {
        var filter = new FeedFilter(request.Window, request.Channel, request.Language, request.Segment);
        var stages = await Call(() => feed.StagesAsync(filter, context.CancellationToken));
        var response = new ListStagesResponse();
        response.Stages.AddRange(stages.Select(ToProto));
        return response;
    }

    public override async Task<Stage> GetStage(GetStageRequest request, ServerCallContext context)
    {
        var filter = new FeedFilter(request.Window, request.Channel, request.Language, request.Segment);
        return ToProto(await Call(() => feed.StageAsync(request.Stage, filter, context.CancellationToken)));
    }

    public override async Task<ListPainPointsResponse> ListPainPoints(ListPainPointsRequest request, ServerCallContext context)
    {
        var filter = new FeedFilter(request.Window, request.Channel, request.Language, request.Segment, request.Topic);
        var page = await Call(() => feed.PainPointsAsync(request.Stage, filter, request.PageSize, request.PageToken, context.CancellationToken));
        var response = new ListPainPointsResponse { NextPageToken = page.NextPageToken ?? "" };
        response.PainPoints.AddRange(page.Items.Select(ToProto));
        return response;
    }

    public override async Task<PainPoint> GetPainPoint(GetPainPointRequest request, ServerCallContext context)
    {
        var view = await Call(() => feed.PainPointAsync(request.Id, request.Verbatims, request.Window, context.CancellationToken));
        return view is null ? throw new RpcException(new Status(StatusCode.NotFound, $"id: no pain point '{request.Id}'")) : ToProto(view);
    }

    public override async Task WatchPainPoints(WatchPainPointsRequest request, IServerStreamWriter<PainPoint> responseStream, ServerCallContext context)
    {
        await Call(() => { feed.CheckStage(request.Stage); return Task.FromResult(0); });
        try
        {
            await foreach (var pain in feed.WatchAsync(context.CancellationToken))
                if (string.IsNullOrEmpty(request.Stage) || pain.Stage == request.Stage)
                    await responseStream.WriteAsync(ToProto(FeedQueries.View(pain, 24, clock.GetUtcNow(), [])), context.CancellationToken);
        }
        catch (OperationCanceledException) when (context.CancellationToken.IsCancellationRequested)
        {
            // The client went away.
        }
    }

    private static async Task<T> Call<T>(Func<Task<T>> query)
    {
        try { return await query(); }
        catch (ArgumentException e)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, $"{e.ParamName}: {e.Message.Replace($" (Parameter '{e.ParamName}')", "")}"));
        }
    }

    private static Stage ToProto(StageView s)
    {
        var stage = new Stage
        {
            Name = s.Lifetime.Stage,
            FeedbackCount = s.Lifetime.FeedbackCount,
            PainPointCount = s.Lifetime.PainPointCount,
            AverageSentiment = s.Lifetime.AverageSentiment,
            Window = s.WindowName,
            WindowFeedbackCount = s.Window.Volume,
            WindowPainPointCount = s.Window.PainPoints,
            NpsResponses = s.Window.NpsResponses,
        };
        if (s.Window.AverageSentiment is { } avg) stage.WindowAverageSentiment = avg;
        if (s.Window.Nps is { } nps) stage.Nps = nps;
        if (s.Window.Csat is { } csat) stage.Csat = csat;
        if (s.Window.Ces is { } ces) stage.Ces = ces;
        stage.SentimentDistribution.Add(s.Window.SentimentDistribution.ToDictionary());
        stage.Emotions.Add(s.Window.Emotions.ToDictionary());
        return stage;
    }

    internal static PainPoint ToProto(PainPointView v)
    {
        var (p, latest) = (v.PainPoint, v.PainPoint.Latest);
        var proto = new PainPoint
        {
            FeedbackId = latest.FeedbackId.ToString(),
            Stage = p.Stage,
            StageReason = latest.StageReason,
            Topic = p.Topic,
            TopicConfidence = latest.TopicConfidence,
            Sentiment = latest.Sentiment,
            SentimentLabel = latest.SentimentLabel,
            Text = latest.Text,
            Channel = latest.Channel,
            Source = latest.Source,
            Language = latest.Language,
            ReceivedAt = Timestamp.FromDateTimeOffset(latest.ReceivedAt),
            Id = p.Id,
            Count = p.Count,
            FirstSeen = Timestamp.FromDateTimeOffset(p.FirstSeen),
            LastSeen = Timestamp.FromDateTimeOffset(p.LastSeen),
            Severity = v.Severity,
            Trend = v.Trend,
            WindowCount = v.WindowCount,
            PreviousWindowCount = v.PreviousWindowCount,
            AverageSentiment = p.AverageSentiment,
            Spiking = v.Spiking,
        };
        if (latest.StageConfidence is { } stageConfidence) proto.StageConfidence = stageConfidence;
        proto.Channels.Add(p.Channels.ToDictionary());
        proto.Languages.Add(p.Languages.ToDictionary());
        proto.Verbatims.AddRange(v.Verbatims.Select(m =>
        {
            var verbatim = new Verbatim
            {
                FeedbackId = m.FeedbackId.ToString(),
                Text = m.Text,
                Channel = m.Channel,
                Language = m.Language,
                Source = m.Source,
                Sentiment = m.Sentiment,
                StageReason = m.StageReason,
                ReceivedAt = Timestamp.FromDateTimeOffset(m.ReceivedAt),
            };
            if (m.StageConfidence is { } stageConfidence) verbatim.StageConfidence = stageConfidence;
            return verbatim;
        }));
        return proto;
    }
}
