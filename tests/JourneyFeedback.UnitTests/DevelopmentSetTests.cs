using JourneyFeedback.Ml;

namespace JourneyFeedback.UnitTests;

/// <summary>The development set (data/dev) chooses settings, so it must stay apart from what the models learn from.</summary>
public class DevelopmentSetTests
{
    private static readonly string Root = ModelReportTests.RepoRoot();

    private static List<(string File, string Text, string Label)> DevelopmentRows() =>
        [.. Directory.EnumerateFiles(Path.Combine(Root, "data", "dev"), "*.tsv").Order(StringComparer.Ordinal)
            .SelectMany(f => LabelledFile.Read(f).Select(r => (Path.GetFileName(f), r.Text, r.Label)))];

    [Fact]
    public void EveryLanguageHasALabelledDevelopmentFile()
    {
        var rows = DevelopmentRows();
        Assert.Equal(["cs.tsv", "en.tsv", "lt.tsv", "pl.tsv"], rows.Select(r => r.File).Distinct().Order(StringComparer.Ordinal));
        Assert.All(rows, r => Assert.Contains(r.Label, new[] { "negative", "neutral", "positive" }));
        Assert.All(rows, r => Assert.False(string.IsNullOrWhiteSpace(r.Text)));
    }

    [Fact]
    public void NoDevelopmentSentenceIsACorpusRowOrANearCopyOfOne()
    {
        var corpus = Corpus.Load(Path.Combine(Root, "data", "corpus")).Select(r => Corpus.WordSet(r.Text)).ToList();
        var postings = new Dictionary<string, List<int>>();
        for (var i = 0; i < corpus.Count; i++)
            foreach (var w in corpus[i]) (postings.TryGetValue(w, out var l) ? l : postings[w] = []).Add(i);
        var copies = new List<string>();
        foreach (var (file, text, _) in DevelopmentRows())
        {
            var words = Corpus.WordSet(text);
            var candidates = words.SelectMany(w => postings.GetValueOrDefault(w) ?? []).Distinct();
            if (candidates.Any(i => Corpus.AreNearCopies(words, corpus[i]))) copies.Add($"{file}: {text}");
        }
        Assert.True(copies.Count == 0, "near-copies of corpus rows in data/dev:\n" + string.Join('\n', copies));
    }
}
