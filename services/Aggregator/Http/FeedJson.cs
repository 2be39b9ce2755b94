namespace JourneyFeedback.Aggregator.Http;

/// <summary>The JSON shapes of the HTTP feed, SSE events and the dashboard.</summary>
public static class FeedJson
{
    public static object Stage(StageView s) => new
    {
        name = s.Lifetime.Stage,
        feedbackCount = s.Lifetime.FeedbackCount,
        painPointCount = s.Lifetime.PainPointCount,
        averageSentiment = Math.Round(s.Lifetime.AverageSentiment, 4),
        window = s.WindowName,
        windowFeedbackCount = s.Window.Volume,
        windowPainPointCount = s.Window.PainPoints,
        windowAverageSentiment = s.Window.AverageSentiment is { } a ? Math.Round(a, 4) : (double?)null,
        sentimentDistribution = s.Window.SentimentDistribution,
        emotions = s.Window.Emotions,
        nps = s.Window.Nps is { } n ? Math.Round(n, 1) : (double?)null,
        npsResponses = s.Window.NpsResponses,
        csat = s.Window.Csat is { } c ? Math.Round(c, 2) : (double?)null,
        ces = s.Window.Ces is { } e ? Math.Round(e, 2) : (double?)null,
    };

    public static object PainPoint(PainPointView v) => new
    {
        id = v.PainPoint.Id,
        stage = v.PainPoint.Stage,
        topic = v.PainPoint.Topic,
        stageReason = v.PainPoint.Latest.StageReason,
        stageConfidence = v.PainPoint.Latest.StageConfidence,
        text = v.PainPoint.Latest.Text,
        feedbackId = v.PainPoint.Latest.FeedbackId,
        count = v.PainPoint.Count,
        channels = v.PainPoint.Channels,
        languages = v.PainPoint.Languages,
        segments = v.PainPoint.Segments,
        firstSeen = v.PainPoint.FirstSeen,
        lastSeen = v.PainPoint.LastSeen,
        averageSentiment = Math.Round(v.PainPoint.AverageSentiment, 4),
        severity = v.Severity,
        trend = v.Trend,
        windowCount = v.WindowCount,
        previousWindowCount = v.PreviousWindowCount,
        spiking = v.Spiking,
        verbatims = v.Verbatims.Select(m => new
        {
            feedbackId = m.FeedbackId,
            text = m.Text,
            channel = m.Channel,
            language = m.Language,
            source = m.Source,
            sentiment = m.Sentiment,
            stageReason = m.StageReason,
            stageConfidence = m.StageConfidence,
            receivedAt = m.ReceivedAt,
        }),
    };
}
