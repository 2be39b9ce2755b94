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
        Assert.Equal("mixed", FeedbackAnalyzer.DocumentLabel(Document(positive, negative), Document(positive, negative), BothSides));

    [Theory]
    [InlineData(0.60, 0.30, "positive")]
    [InlineData(0.58, 0.38, "positive")]
    [InlineData(0.25, 0.70, "negative")]
    public void ADocumentThatLeansOneWayTakesThatSide(double positive, double negative, string label) =>
        Assert.Equal(label, FeedbackAnalyzer.DocumentLabel(Document(positive, negative), Document(positive, negative), BothSides));

    [Fact]
    public void AnUnsureClauseDoesNotMakeADocumentMixed() =>
        Assert.Equal("positive", FeedbackAnalyzer.DocumentLabel(Document(0.46, 0.44), Document(0.46, 0.44), [Aspect("positive", 0.9), Aspect("negative", 0.5)]));

    [Fact]
    public void ClausesOnOneSideKeepTheDocumentsLabel() =>
        Assert.Equal("negative", FeedbackAnalyzer.DocumentLabel(Document(0.44, 0.46), Document(0.44, 0.46), [Aspect("negative", 0.9), Aspect("negative", 0.8)]));

    [Fact]
    public void MixedIsDecidedByTheBalanceOfThePartsAndTheLabelOtherwiseByTheDocument()
    {
        Assert.Equal("mixed", FeedbackAnalyzer.DocumentLabel(Document(0.70, 0.25), Document(0.45, 0.45), BothSides));
        Assert.Equal("positive", FeedbackAnalyzer.DocumentLabel(Document(0.70, 0.25), Document(0.30, 0.65), BothSides));
        Assert.Equal("negative", FeedbackAnalyzer.DocumentLabel(Document(0.30, 0.65), Document(0.46, 0.44), [Aspect("negative", 0.9)]));
    }

    private static double Probability(ClassScores scores, string label) => scores.Probabilities[label];

    [Fact]
    public void TheWholeTextWeighsHalfHoweverManyClausesThereAre()
    {
        var whole = Document(0.10, 0.85);
        var clause = Document(0.40, 0.40);
        var two = FeedbackAnalyzer.Pool(whole, [(clause, 1), (clause, 1)]);
        var twenty = FeedbackAnalyzer.Pool(whole, [.. Enumerable.Repeat((clause, 1.0), 20)]);
        Assert.Equal("negative", twenty.Label);
        foreach (var label in new[] { "positive", "negative", "neutral" })
            Assert.Equal(Probability(two, label), Probability(twenty, label), 12);
        // Geometric pooling: sqrt(0.85 × 0.40) against sqrt(0.10 × 0.40) and sqrt(0.05 × 0.20), renormalised.
        var expected = Math.Sqrt(0.85 * 0.40) / (Math.Sqrt(0.85 * 0.40) + Math.Sqrt(0.10 * 0.40) + Math.Sqrt(0.05 * 0.20));
        Assert.Equal(expected, Probability(twenty, "negative"), 9);
        Assert.Equal(1, two.Probabilities.Values.Sum(), 9);
    }

    [Fact]
    public void AgreeingPartsKeepTheirConfidenceAndAClauseAfterButCountsTwice()
    {
        var sure = Document(0.05, 0.90);
        Assert.Equal(0.90, FeedbackAnalyzer.Pool(sure, [(sure, 1), (sure, 1), (sure, 1)]).Confidence, 9);

        var praise = Document(0.90, 0.05);
        var complaint = Document(0.05, 0.90);
        var even = FeedbackAnalyzer.Pool(Document(0.45, 0.45), [(praise, 1), (complaint, 1)]);
        var afterBut = FeedbackAnalyzer.Pool(Document(0.45, 0.45), [(praise, 1), (complaint, 2)]);
        Assert.Equal(Probability(even, "positive"), Probability(even, "negative"), 9);
        Assert.Equal("negative", afterBut.Label);
    }

    private static ClassScores Topics(params (string Name, double Probability)[] topics)
    {
        var probabilities = topics.ToDictionary(t => t.Name, t => t.Probability);
        var best = probabilities.MaxBy(p => p.Value);
        return new ClassScores(best.Key, best.Value, probabilities);
    }

    [Fact]
    public void OnlyAClauseSureOfItsTopicAddsItToTheDocumentsTopics()
    {
        var whole = Topics(("delivery", 0.8), ("checkout_payment", 0.15), ("billing", 0.05));
        var sure = Topics(("delivery", 0.02), ("checkout_payment", 0.95), ("billing", 0.03));
        var unsure = Topics(("delivery", 0.1), ("checkout_payment", 0.1), ("billing", 0.8));
        var topics = FeedbackAnalyzer.SelectTopics(FeedbackAnalyzer.WithClauseTopics(whole, [sure, unsure]));
        Assert.Equal(["checkout_payment", "delivery"], topics.Select(t => t.Name));
        Assert.Equal(0.95, topics[0].Confidence);
    }

    [Theory]
    [InlineData("Delivery was fast but the checkout kept failing", "Delivery was fast|1", "the checkout kept failing|2")]
    [InlineData("The room was clean, although the wifi dropped once.", "The room was clean|1", "the wifi dropped once.|0.5")]
    [InlineData("Although the room was small, the staff were great.", "the room was small|0.5", "the staff were great.|1")]
    [InlineData("Even though it came late, it works perfectly.", "it came late|0.5", "it works perfectly.|1")]
    [InlineData("It works perfectly, even though it came late.", "It works perfectly|1", "it came late.|0.5")]
    [InlineData("Pokój był czysty, chociaż wifi się rozłączało.", "Pokój był czysty|1", "wifi się rozłączało.|0.5")]
    [InlineData("Kambarys švarus, bet wifi strigo.", "Kambarys švarus|1", "wifi strigo.|2")]
    public void AClauseAfterButWeighsDoubleAndAConcessionHalf(string text, params string[] expected) =>
        Assert.Equal(expected, FeedbackAnalyzer.SplitClauses(text).Select(c => $"{c.Text}|{c.Weight.ToString(System.Globalization.CultureInfo.InvariantCulture)}"));
}
