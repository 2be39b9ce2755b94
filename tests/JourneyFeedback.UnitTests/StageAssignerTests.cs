using JourneyFeedback.Aggregator;
using JourneyFeedback.Contracts;

namespace JourneyFeedback.UnitTests;

public class StageAssignerTests
{
    private readonly StageAssigner _assigner = new(JourneyMap.Default);

    internal static FeedbackAnalyzed Message(string label, double score, string topic, double confidence = 0.9,
        string? sourceStage = null, string? hint = null, IReadOnlyList<AspectResult>? aspects = null,
        string? touchpoint = null, string channel = Channels.Ticket, double? hintConfidence = null) =>
        new(new FeedbackItem
            {
                FeedbackId = Guid.NewGuid(),
                Source = "test",
                Channel = channel,
                Text = "text",
                Stage = sourceStage,
                Touchpoint = touchpoint,
                ReceivedAt = DateTimeOffset.UtcNow,
            },
            new AnalysisResult
            {
                Language = "en",
                Sentiment = new SentimentResult(label, score, 0.8),
                Topics = [new TopicScore(topic, confidence)],
                Aspects = aspects ?? [],
                StageHint = hint,
                StageConfidence = hintConfidence,
                ModelVersion = "test",
            });

    [Fact]
    public void TheSourcesStageWins()
    {
        var record = _assigner.ToRecord(Message("negative", -0.8, "checkout_payment", sourceStage: "advocacy"));
        Assert.Equal("advocacy", record.Stage);
        Assert.Equal(StageReasons.Source, record.PainPoint!.StageReason);
    }

    [Fact]
    public void ATouchpointRuleComesBeforeTheTopicRule()
    {
        var record = _assigner.ToRecord(Message("negative", -0.8, "delivery", touchpoint: "account"));
        Assert.Equal(("retention", StageReasons.TouchpointRule), (record.Stage, record.PainPoint!.StageReason));
    }

    [Fact]
    public void AChannelRuleComesBeforeTheTopicRuleAndAfterTheTouchpoint()
    {
        var journey = JourneyDefinition.Parse("""
            { "stages": [ { "name": "awareness", "channels": ["social"] }, { "name": "engagement", "touchpoints": ["webinar"] },
                          { "name": "conversion" }, { "name": "retention" } ],
              "topics": { "checkout_payment": "conversion" } }
            """);
        var assigner = new StageAssigner(journey);
        Assert.Equal(("awareness", StageReasons.ChannelRule),
            (assigner.ToRecord(Message("negative", -0.8, "checkout_payment", channel: Channels.Social)).Stage, StageReasons.ChannelRule));
        Assert.Equal(StageReasons.ChannelRule, assigner.ToRecord(Message("negative", -0.8, "checkout_payment", channel: Channels.Social)).PainPoint!.StageReason);
        Assert.Equal("engagement", assigner.ToRecord(Message("negative", -0.8, "checkout_payment", touchpoint: "webinar", channel: Channels.Social)).Stage);
        Assert.Equal(("conversion", StageReasons.TopicRule),
            (assigner.ToRecord(Message("negative", -0.8, "checkout_payment")).Stage, assigner.ToRecord(Message("negative", -0.8, "checkout_payment")).PainPoint!.StageReason));
    }

    [Fact]
    public void AStageTheJourneyDoesNotHaveIsIgnored()
    {
        var assigner = new StageAssigner(JourneyDefinition.Parse("""{ "stages": [ { "name": "awareness" }, { "name": "conversion" } ] }"""));
        var record = assigner.ToRecord(Message("negative", -0.8, "delivery", sourceStage: "purchase", hint: "purchase"));
        Assert.Equal(("conversion", StageReasons.Fallback), (record.Stage, record.PainPoint!.StageReason));
    }

    [Fact]
    public void SurveyScoresEmotionAndSegmentReachTheMetrics()
    {
        var message = Message("negative", -0.5, "delivery");
        message = message with
        {
            Feedback = message.Feedback with { Scores = new Scores(Nps: 3, Csat: 2, Ces: 6), Segment = "smb", Priority = "high" },
            Analysis = message.Analysis with { Emotion = "frustration" },
        };
        var record = _assigner.ToRecord(message);
        Assert.Equal((3, 2, 6, "smb", "frustration"), (record.Nps!.Value, record.Csat!.Value, record.Ces!.Value, record.Segment, record.Emotion));
        Assert.True(record.PainPoint!.StrongSignal);
    }

    [Fact]
    public void AConfidentTopicFollowsItsRule()
    {
        var record = _assigner.ToRecord(Message("negative", -0.8, "checkout_payment", hint: "retention"));
        Assert.Equal(("purchase", StageReasons.TopicRule), (record.Stage, record.PainPoint!.StageReason));
    }

    [Theory]
    [InlineData(0.95, "awareness", StageReasons.Model)]
    [InlineData(0.8, "awareness", StageReasons.Model)]
    [InlineData(0.75, "purchase", StageReasons.TopicRule)]
    [InlineData(null, "purchase", StageReasons.TopicRule)]
    public void AHintTheModelIsSureOfComesBeforeTheTopicRule(double? hintConfidence, string stage, string reason)
    {
        var record = _assigner.ToRecord(Message("negative", -0.8, "checkout_payment", hint: "awareness", hintConfidence: hintConfidence));
        Assert.Equal((stage, reason), (record.Stage, record.PainPoint!.StageReason));
        // The pain point keeps how sure the model was of a stage it chose, and nothing for a rule's.
        Assert.Equal(reason == StageReasons.Model ? hintConfidence : null, record.PainPoint.StageConfidence);
    }

    [Fact]
    public void ASureHintOfAStageTheJourneyLacksLeavesItToTheTopicRule()
    {
        var assigner = new StageAssigner(JourneyDefinition.Parse("""
            { "stages": [ { "name": "awareness" }, { "name": "conversion" }, { "name": "loyalty" } ],
              "topics": { "checkout_payment": "conversion" } }
            """));
        var record = assigner.ToRecord(Message("negative", -0.8, "checkout_payment", hint: "purchase", hintConfidence: 0.95));
        Assert.Equal(("conversion", StageReasons.TopicRule), (record.Stage, record.PainPoint!.StageReason));
    }

    [Fact]
    public void AnUnsureTopicFallsBackToTheModelsHint()
    {
        var record = _assigner.ToRecord(Message("negative", -0.8, "checkout_payment", confidence: 0.3, hint: "awareness"));
        Assert.Equal(("awareness", StageReasons.Model), (record.Stage, record.PainPoint!.StageReason));
    }

    [Fact]
    public void PositiveFeedbackIsCountedButIsNoPainPoint()
    {
        var record = _assigner.ToRecord(Message("positive", 0.7, "delivery"));
        Assert.Null(record.PainPoint);
        Assert.Equal(0.7, record.Sentiment);
    }

    [Fact]
    public void ANegativeAspectOfAPositiveTextIsAPainPointAboutThatAspect()
    {
        var aspects = new[]
        {
            new AspectResult("Delivery was fast", "delivery", new SentimentResult("positive", 0.8, 0.9)),
            new AspectResult("but the checkout kept failing", "checkout_payment", new SentimentResult("negative", -0.7, 0.9)),
        };
        var record = _assigner.ToRecord(Message("positive", 0.2, "delivery", aspects: aspects));
        Assert.NotNull(record.PainPoint);
        Assert.Equal(("checkout_payment", "purchase", -0.7), (record.PainPoint.Topic, record.Stage, record.PainPoint.Sentiment));
    }

    [Fact]
    public void UnscoredFeedbackCarriesNoSentiment() =>
        Assert.Null(_assigner.ToRecord(Message("unscored", 0, "general")).Sentiment);
}
