using JourneyFeedback.Ml;

namespace JourneyFeedback.UnitTests;

/// <summary>Runs the bundled models; see models/model-card.md for their measured quality.</summary>
public class FeedbackAnalyzerTests : IClassFixture<AnalyzerFixture>
{
    private readonly FeedbackAnalyzer _analyzer;

    public FeedbackAnalyzerTests(AnalyzerFixture fixture) => _analyzer = fixture.Analyzer;

    [Fact]
    public void ACardRejectedAtCheckoutIsANegativeCheckoutComplaint()
    {
        var result = _analyzer.Analyze("The checkout kept rejecting my card");
        Assert.Equal("en", result.Language);
        Assert.Equal("negative", result.Sentiment.Label);
        Assert.InRange(result.Sentiment.Score, -1, -0.05);
        Assert.Equal("checkout_payment", result.Topics[0].Name);
    }

    [Fact]
    public void PraiseIsPositive()
    {
        var result = _analyzer.Analyze("Parcel arrived a day early and the courier was lovely, thank you!");
        Assert.Equal("positive", result.Sentiment.Label);
        Assert.True(result.Sentiment.Score > 0);
    }

    [Fact]
    public void TopicsAreOrderedByConfidenceAndScoresStayInRange()
    {
        var result = _analyzer.Analyze("I was charged twice on my invoice this month and nobody replies to my emails");
        Assert.NotEmpty(result.Topics);
        Assert.Equal(result.Topics.OrderByDescending(t => t.Confidence).Select(t => t.Name), result.Topics.Select(t => t.Name));
        Assert.All(result.Topics, t => Assert.InRange(t.Confidence, 0, 1));
        Assert.InRange(result.Sentiment.Confidence, 0, 1);
    }

    [Fact]
    public void ContrastingClausesAreSeparateAspects()
    {
        var result = _analyzer.Analyze("Delivery was really fast but the checkout kept failing with an error");
        Assert.Equal(2, result.Aspects.Count);
        Assert.Contains(result.Aspects, a => a.Sentiment.Label == "negative");
    }

    [Theory]
    [InlineData("Die Lieferung war schnell, vielen Dank", "de")]
    [InlineData("Это ужасный сервис", "ru")]
    public void ALanguageTheModelsDoNotCoverIsUnscoredNotGuessed(string text, string language)
    {
        var result = _analyzer.Analyze(text);
        Assert.Equal(language, result.Language);
        Assert.Equal(FeedbackAnalyzer.Unscored, result.Sentiment.Label);
        Assert.Empty(result.Topics);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\u0001\u0002\u0003")]
    public void EmptyOrGarbageTextGetsADefinedUnscoredResult(string text) =>
        Assert.Equal(FeedbackAnalyzer.Unscored, _analyzer.Analyze(text).Sentiment.Label);

    [Fact]
    public void AVeryLongTextIsAnalysedWithoutError()
    {
        var text = string.Concat(Enumerable.Repeat("The app keeps logging me out and support never answers. ", 20_000));
        var result = _analyzer.Analyze(text);
        Assert.InRange(result.Sentiment.Score, -1, 1);
    }

    [Fact]
    public void ModelVersionComesFromTheModelCard() => Assert.NotEqual("unversioned", _analyzer.ModelVersion);
}

public sealed class AnalyzerFixture
{
    public FeedbackAnalyzer Analyzer { get; } = FeedbackAnalyzer.Load(Path.Combine(AppContext.BaseDirectory, "models"));
}
