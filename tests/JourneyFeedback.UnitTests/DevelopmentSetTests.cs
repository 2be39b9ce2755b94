using JourneyFeedback.Ml;

namespace JourneyFeedback.UnitTests;

/// <summary>The development set (data/dev) chooses settings, so it must stay apart from what the models learn from.</summary>
public class DevelopmentSetTests
{
    private static readonly string Root = ModelReportTests.RepoRoot();

    private static List<(string File, string Text, string Label)> DevelopmentRows() =>
        [.. Directory.EnumerateFiles(Path.Combine(Root, "data", "dev"), "*.tsv").Order(StringComparer.Ordinal)
            .SelectMany(f => File.ReadLines(f).Skip(1).Where(l => l.Length > 0).Select(l => l.Split('\t')).Select(p => (Path.GetFileName(f), p[0], p[1])))];

    /// <summary>Words of three or more letters or digits, lower case: the word sets the corpus split compares.</summary>
    private static HashSet<string> Words(string text) =>
        [.. new string([.. text.ToLowerInvariant().Select(c => char.IsLetterOrDigit(c) ? c : ' ')])
            .Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(w => w.Length > 2)];

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
        var corpus = Corpus.Load(Path.Combine(Root, "data", "corpus")).Select(r => Words(r.Text)).Where(w => w.Count >= 3).ToList();
        var postings = new Dictionary<string, List<int>>();
        for (var i = 0; i < corpus.Count; i++)
            foreach (var w in corpus[i]) (postings.TryGetValue(w, out var l) ? l : postings[w] = []).Add(i);
        var copies = new List<string>();
        foreach (var (file, text, _) in DevelopmentRows())
        {
            var words = Words(text);
            if (words.Count < 3) continue;
            var shared = new Dictionary<int, int>();
            foreach (var w in words)
                foreach (var i in postings.GetValueOrDefault(w) ?? [])
                    shared[i] = shared.GetValueOrDefault(i) + 1;
            if (shared.Any(s => s.Value >= Corpus.NearCopyOverlap * (words.Count + corpus[s.Key].Count - s.Value)))
                copies.Add($"{file}: {text}");
        }
        Assert.True(copies.Count == 0, "near-copies of corpus rows in data/dev:\n" + string.Join('\n', copies));
    }
}
