using JourneyFeedback.Ml;

namespace JourneyFeedback.UnitTests;

public class ModelReportTests
{
    [Fact]
    public void MetricsFollowFromTheConfusionMatrix()
    {
        var confusion = new Dictionary<string, Dictionary<string, int>>
        {
            ["negative"] = new() { ["negative"] = 8, ["positive"] = 2 },
            ["positive"] = new() { ["negative"] = 4, ["positive"] = 6 },
        };
        var report = ModelReport.FromConfusion("sentiment", confusion);
        Assert.Equal(20, report.Examples);
        Assert.Equal(0.7, report.Accuracy, 6);
        Assert.Equal(8.0 / 12, report.PerClass["negative"].Precision, 6);
        Assert.Equal(0.8, report.PerClass["negative"].Recall, 6);
        Assert.Equal(0.75, report.PerClass["positive"].Precision, 6);
        var f1Neg = 2 * (8.0 / 12) * 0.8 / (8.0 / 12 + 0.8);
        var f1Pos = 2 * 0.75 * 0.6 / 1.35;
        Assert.Equal((f1Neg + f1Pos) / 2, report.MacroF1, 6);
    }

    [Fact]
    public void NearCopiesLandOnTheSameSideOfTheSplit()
    {
        var a = new CorpusRow("The parcel is LATE again!!", "negative", "delivery", "purchase", "social", "en");
        var b = a with { Text = "the parcel is late again" };
        Assert.Equal(Corpus.IsHeldOut(a), Corpus.IsHeldOut(b));
    }

    [Fact]
    public void RowsSharingMostWordsAreKeptTogetherByTheSplit()
    {
        // Many unrelated rows, and pairs that differ by one swapped or added word: each pair must not straddle.
        var rows = new List<CorpusRow>();
        var pairs = new List<(CorpusRow, CorpusRow)>();
        for (var i = 0; i < 300; i++)
        {
            var a = new CorpusRow(string.Join(' ', Enumerable.Range(0, 6).Select(k => Word(i * 10 + k))) + " crushed", "negative", "delivery", "purchase", "review", "en");
            var b = a with { Text = a.Text.Replace("crushed", "dented") };
            rows.Add(a);
            rows.Add(b);
            pairs.Add((a, b));
        }
        var (train, heldOut) = Corpus.Split(rows);
        Assert.Equal(rows.Count, train.Count + heldOut.Count);
        Assert.NotEmpty(heldOut);
        Assert.NotEmpty(train);
        var held = heldOut.ToHashSet();
        Assert.All(pairs, p => Assert.Equal(held.Contains(p.Item1), held.Contains(p.Item2)));
        // Without the grouping, some pairs would straddle: the test would notice a split that ignores it.
        Assert.Contains(pairs, p => Corpus.IsHeldOut(p.Item1) != Corpus.IsHeldOut(p.Item2));

        static string Word(int n) => string.Concat(n.ToString().Select(d => (char)('a' + d - '0'))) + "x";
    }

    [Fact]
    public void TheBundledCorpusHasAHeldOutShareAndNoNearDuplicates()
    {
        var corpus = Path.Combine(RepoRoot(), "data", "corpus");
        var rows = Corpus.Load(corpus);
        Assert.True(rows.Count > 2000, $"only {rows.Count} rows");
        Assert.Equal(rows.Count, rows.Select(r => Corpus.DedupeKey(r.Text)).Distinct().Count());
        var heldOut = Corpus.Split(rows).HeldOut.Count / (double)rows.Count;
        Assert.InRange(heldOut, 0.12, 0.22);
        Assert.All(rows, r => Assert.Contains(r.Sentiment, Taxonomy.Sentiments));
        Assert.All(rows, r => Assert.Contains(r.Topic, Taxonomy.Topics));
        Assert.All(rows, r => Assert.Contains(r.Stage, Taxonomy.Stages));
        Assert.All(rows, r => Assert.True(r.Emotion is null || Taxonomy.Emotions.Contains(r.Emotion), $"emotion '{r.Emotion}' of: {r.Text}"));
    }

    [Fact]
    public void TheTaxonomyFileDescribesEveryTopicAndMapsItToAStage()
    {
        Assert.Contains(Taxonomy.GeneralTopic, Taxonomy.Topics);
        Assert.Equal(Taxonomy.Topics.Count, Taxonomy.Topics.Distinct().Count());
        Assert.All(Taxonomy.TopicDefinitions, t =>
        {
            Assert.False(string.IsNullOrWhiteSpace(t.Name), t.Id);
            Assert.True(t.Description.Length > 20, t.Id);
            Assert.True(t.Stage is null || Taxonomy.Stages.Contains(t.Stage), $"{t.Id}: stage {t.Stage}");
        });
        Assert.Equal(["negative", "neutral", "positive"], Taxonomy.Sentiments);
    }

    internal static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "JourneyFeedback.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException("repository root not found above " + AppContext.BaseDirectory);
    }
}

public class MultiLabelTests
{
    [Fact]
    public void ATopicColumnHoldsAMainAndASecondTopic()
    {
        var row = CorpusRow.WithTopics("5 days late and not a word from you", "negative", "delivery|communication", "purchase", "ticket", "en");
        Assert.Equal("delivery", row.Topic);
        Assert.Equal("communication", row.SecondTopic);
        Assert.Equal(["delivery", "communication"], row.Topics);
        Assert.Equal(["delivery"], CorpusRow.WithTopics("late", "negative", "delivery", "purchase", "ticket", "en").Topics);
        Assert.Throws<InvalidDataException>(() => CorpusRow.WithTopics("x", "neutral", "a|b|c", "", "", ""));
        Assert.Throws<InvalidDataException>(() => CorpusRow.WithTopics("x", "neutral", "a|a", "", "", ""));
    }

    [Fact]
    public void LabelSetsAreMeasuredByMicroF1OverTextTopicPairs()
    {
        IReadOnlyList<string> S(params string[] s) => s;
        var report = ModelReport.FromLabelSets("topics", [
            (S("delivery", "communication"), S("delivery")),            // tp delivery, fn communication
            (S("billing"), S("billing", "pricing_promotions")),         // tp billing, fp pricing
            (S("general"), S("product_quality")),                       // fn general, fp product_quality
            (S("delivery"), S("delivery")),                             // tp delivery
        ]);
        // tp 3, fp 2, fn 2 → micro-F1 = 6 / (6 + 4)
        Assert.Equal(0.6, report.MicroF1!.Value, 6);
        Assert.Equal(0.25, report.Accuracy, 6);
        Assert.Equal(2, report.PerClass["delivery"].Support);
        Assert.Equal(1.0, report.PerClass["delivery"].Precision, 6);
        Assert.Equal(0, report.PerClass["communication"].Recall, 6);
        Assert.Equal(0, report.PerClass["pricing_promotions"].Precision, 6);
        Assert.Equal(0, report.PerClass["product_quality"].Support);
    }
}
