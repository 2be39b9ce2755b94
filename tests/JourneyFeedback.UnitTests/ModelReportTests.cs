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
    public void TheBundledCorpusHasAHeldOutShareAndNoNearDuplicates()
    {
        var corpus = Path.Combine(RepoRoot(), "data", "corpus");
        var rows = Corpus.Load(corpus);
        Assert.True(rows.Count > 2000, $"only {rows.Count} rows");
        Assert.Equal(rows.Count, rows.Select(r => Corpus.DedupeKey(r.Text)).Distinct().Count());
        var heldOut = rows.Count(Corpus.IsHeldOut) / (double)rows.Count;
        Assert.InRange(heldOut, 0.12, 0.22);
        Assert.All(rows, r => Assert.Contains(r.Sentiment, Taxonomy.Sentiments));
        Assert.All(rows, r => Assert.Contains(r.Topic, Taxonomy.Topics));
        Assert.All(rows, r => Assert.Contains(r.Stage, Taxonomy.Stages));
    }

    internal static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "JourneyFeedback.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException("repository root not found above " + AppContext.BaseDirectory);
    }
}
