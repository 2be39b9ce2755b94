using JourneyFeedback.Ml;

namespace JourneyFeedback.UnitTests;

/// <summary>The emotion returned agrees with the document's sentiment: no "satisfaction" on a complaint.</summary>
public class EmotionAgreementTests
{
    private static ClassScores Emotions(params (string Name, double P)[] probabilities)
    {
        var all = probabilities.ToDictionary(p => p.Name, p => p.P);
        var best = all.MaxBy(p => p.Value);
        return new ClassScores(best.Key, best.Value, all);
    }

    private static readonly ClassScores SatisfiedButFrustrated =
        Emotions(("satisfaction", 0.40), ("frustration", 0.30), ("anger", 0.10), ("delight", 0.05), ("none", 0.15));

    [Theory]
    [InlineData("negative", "frustration")]
    [InlineData("positive", "satisfaction")]
    [InlineData("mixed", "satisfaction")]
    public void TheMostProbableEmotionOfTheDocumentsSideWins(string document, string expected) =>
        Assert.Equal(expected, FeedbackAnalyzer.EmotionFor(SatisfiedButFrustrated, document));

    [Fact]
    public void ANeutralDocumentShowsNoEmotionUnlessConfused()
    {
        Assert.Null(FeedbackAnalyzer.EmotionFor(SatisfiedButFrustrated, "neutral"));
        Assert.Equal("confusion", FeedbackAnalyzer.EmotionFor(Emotions(("confusion", 0.3), ("none", 0.2), ("anger", 0.5)), "neutral"));
    }

    [Fact]
    public void NoneIsReturnedAsNull() =>
        Assert.Null(FeedbackAnalyzer.EmotionFor(Emotions(("none", 0.7), ("anger", 0.3)), "mixed"));

    [Fact]
    public void AModelWithoutTheSidesEmotionsKeepsItsOwnAnswer() =>
        Assert.Equal("awe", FeedbackAnalyzer.EmotionFor(Emotions(("awe", 0.6), ("boredom", 0.4)), "negative"));

    [Theory]
    [InlineData("The app crashed again and I lost my whole basket", "negative")]
    [InlineData("Absolutely love it, the delivery was early and the driver was lovely", "positive")]
    public void RealTextsGetAnEmotionOfTheirSide(string text, string side)
    {
        var result = FeedbackAnalyzer.Load(Path.Combine(AppContext.BaseDirectory, "models")).Analyze(text);
        Assert.Equal(side, result.Sentiment.Label);
        string[] sideEmotions = side == "negative" ? ["frustration", "anger", "confusion", "disappointment"] : ["satisfaction", "delight"];
        Assert.Contains(result.Emotion, sideEmotions);
    }
}
