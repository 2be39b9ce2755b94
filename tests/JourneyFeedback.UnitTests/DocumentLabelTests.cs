using JourneyFeedback.Contracts;
using JourneyFeedback.Ml;

namespace JourneyFeedback.UnitTests;

/// <summary>When a document with clauses on both sides is <c>mixed</c> and when it takes the side it leans to.</summary>
public class DocumentLabelTests
{
    private static ClassScores Document(double positive, double negative)
    {
        var probabilities = new Dictionary<string, double>
        {
            ["positive"] = positive, ["negative"] = negative, ["neutral"] = 1 - positive - negative,
        };
        var best = probabilities.MaxBy(p => p.Value);
        return new ClassScores(best.Key, best.Value, probabilities);
    }

    private static AspectResult Aspect(string label, double confidence) =>
        new("clause", "delivery", new SentimentResult(label, label == "negative" ? -0.5 : 0.5, confidence));

    private static readonly AspectResult[] BothSides = [Aspect("positive", 0.9), Aspect("negative", 0.9)];

    [Theory]
    [InlineData(0.45, 0.45)]
    [InlineData(0.48, 0.40)]
    [InlineData(0.40, 0.47)]
    public void ConfidentClausesOnBothSidesWithNoWinnerAreMixed(double positive, double negative) =>
        Assert.Equal("mixed", FeedbackAnalyzer.DocumentLabel(Document(positive, negative), BothSides));

    [Theory]
    [InlineData(0.60, 0.30, "positive")]
    [InlineData(0.58, 0.38, "positive")]
    [InlineData(0.25, 0.70, "negative")]
    public void ADocumentThatLeansOneWayTakesThatSide(double positive, double negative, string label) =>
        Assert.Equal(label, FeedbackAnalyzer.DocumentLabel(Document(positive, negative), BothSides));

    [Fact]
    public void AnUnsureClauseDoesNotMakeADocumentMixed() =>
        Assert.Equal("positive", FeedbackAnalyzer.DocumentLabel(Document(0.46, 0.44), [Aspect("positive", 0.9), Aspect("negative", 0.5)]));

    [Fact]
    public void ClausesOnOneSideKeepTheDocumentsLabel() =>
        Assert.Equal("negative", FeedbackAnalyzer.DocumentLabel(Document(0.44, 0.46), [Aspect("negative", 0.9), Aspect("negative", 0.8)]));
}
