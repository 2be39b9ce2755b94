using System.Text;

namespace JourneyFeedback.Ml;

/// <param name="Topic">The main topic.</param>
/// <param name="SecondTopic">A second topic the text also talks about (written "main|second" in the topic column), if any.</param>
public sealed record CorpusRow(string Text, string Sentiment, string Topic, string Stage, string Channel, string Language,
    string? Emotion = null, string? SecondTopic = null)
{
    /// <summary>The labelled topics, main first.</summary>
    public IReadOnlyList<string> Topics => SecondTopic is null ? [Topic] : [Topic, SecondTopic];

    /// <summary>A row whose topic column reads "main" or "main|second"; <paramref name="at"/> (file:line) leads the error otherwise.</summary>
    public static CorpusRow WithTopics(string text, string sentiment, string topics, string stage, string channel, string language, string? emotion = null, string? at = null)
    {
        var parts = topics.Split('|', StringSplitOptions.TrimEntries);
        if (parts.Length > 2 || parts.Any(p => p.Length == 0) || (parts.Length == 2 && parts[0] == parts[1]))
            throw new InvalidDataException($"{(at is null ? "" : at + ": ")}topic '{topics}' must be one topic or two different ones as main|second");
        return new CorpusRow(text, sentiment, parts[0], stage, channel, language, emotion, parts.Length == 2 ? parts[1] : null);
    }
}

/// <summary>
/// The labelled corpus under data/corpus: TSV files with the header text, sentiment, topic, stage, channel
/// and optionally language (else the folder name); a text about two topics has "main|second" as its topic. Rows are split into train and held-out by a hash of
/// their text with case, digits and punctuation removed; <see cref="Split"/> also keeps rows that share most
/// of their words (one word swapped, a clause added) on the same side, so the held-out figures are not
/// flattered by near-copies of training rows.
/// </summary>
public static class Corpus
{
    public static IReadOnlyList<CorpusRow> Load(string directory)
    {
        var rows = new List<CorpusRow>();
        var seen = new HashSet<string>();
        foreach (var file in Directory.EnumerateFiles(directory, "*.tsv", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var folderLanguage = Path.GetFileName(Path.GetDirectoryName(file)!);
            using var reader = new StreamReader(file, Encoding.UTF8);
            var header = (reader.ReadLine() ?? "").Split('\t');
            int Col(string name) => Array.IndexOf(header, name);
            int text = Col("text"), sentiment = Col("sentiment"), topic = Col("topic"), stage = Col("stage"),
                channel = Col("channel"), language = Col("language"), emotion = Col("emotion");
            if (text < 0 || sentiment < 0 || topic < 0 || stage < 0)
                throw new InvalidDataException($"{file}: header must name text, sentiment, topic, stage");
            var lineNo = 1;
            for (var line = reader.ReadLine(); line is not null; line = reader.ReadLine())
            {
                lineNo++;
                if (line.Length == 0) continue;
                var f = line.Split('\t');
                if (f.Length < header.Length)
                    throw new InvalidDataException($"{file}:{lineNo}: expected {header.Length} fields, found {f.Length}");
                if (!seen.Add(DedupeKey(f[text]))) continue;
                rows.Add(CorpusRow.WithTopics(f[text], f[sentiment], f[topic], f[stage],
                    channel >= 0 ? f[channel] : "", language >= 0 ? f[language] : folderLanguage,
                    emotion >= 0 && f[emotion].Length > 0 ? f[emotion] : null, at: $"{file}:{lineNo}"));
            }
        }
        return rows;
    }

    /// <summary>True for the held-out share (about 1 in 6) that training never sees, judged on the row alone.</summary>
    public static bool IsHeldOut(CorpusRow row) => IsHeldOutKey(DedupeKey(row.Text));

    private static bool IsHeldOutKey(string key) => Fnv1a(key) % 6 == 0;

    /// <summary>Word-set overlap (Jaccard) from which two rows count as near-copies.</summary>
    public const double NearCopyOverlap = 0.6;

    /// <summary>
    /// Train and held-out rows. Rows whose word sets overlap by <see cref="NearCopyOverlap"/> or more form a
    /// group (transitively), and a whole group goes to the side its first member's hash picks.
    /// </summary>
    public static (List<CorpusRow> Train, List<CorpusRow> HeldOut) Split(IReadOnlyList<CorpusRow> rows) => Split(rows, IsHeldOutKey);

    /// <summary>
    /// Training rows split again for <see cref="Calibration"/>: about 1 in 5 set aside to check a model fitted on the
    /// rest, near-copies kept together as in <see cref="Split(IReadOnlyList{CorpusRow})"/>, by a hash of its own.
    /// </summary>
    public static (List<CorpusRow> Fit, List<CorpusRow> Check) CalibrationSplit(IReadOnlyList<CorpusRow> train) =>
        Split(train, key => Fnv1a("calibration " + key) % 5 == 0);

    private static (List<CorpusRow> First, List<CorpusRow> Second) Split(IReadOnlyList<CorpusRow> rows, Func<string, bool> isSecond)
    {
        var words = rows.Select(r => WordSet(r.Text)).ToArray();
        var parent = Enumerable.Range(0, rows.Count).ToArray();
        int Find(int i) { while (parent[i] != i) i = parent[i] = parent[parent[i]]; return i; }

        // Candidates share a word that is not common (common words would pair almost everything).
        var postings = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var i = 0; i < rows.Count; i++)
            foreach (var w in words[i])
                (postings.TryGetValue(w, out var list) ? list : postings[w] = []).Add(i);
        var common = Math.Max(50, rows.Count / 50);
        var overlap = new Dictionary<int, int>();
        for (var i = 0; i < rows.Count; i++)
        {
            if (words[i].Count < 3) continue;
            overlap.Clear();
            foreach (var w in words[i])
                if (postings[w] is { Count: var df } list && df <= common)
                    foreach (var j in list)
                        if (j > i) overlap[j] = overlap.GetValueOrDefault(j) + 1;
            foreach (var (j, _) in overlap)
            {
                if (AreNearCopies(words[i], words[j])) parent[Find(j)] = Find(i);
            }
        }

        var groupIsSecond = new Dictionary<int, bool>();
        var first = new List<CorpusRow>();
        var second = new List<CorpusRow>();
        for (var i = 0; i < rows.Count; i++)
        {
            var root = Find(i);
            if (!groupIsSecond.TryGetValue(root, out var inSecond)) groupIsSecond[root] = inSecond = isSecond(DedupeKey(rows[root].Text));
            (inSecond ? second : first).Add(rows[i]);
        }
        return (first, second);
    }

    /// <summary>True when two word sets (see <see cref="WordSet"/>) of three or more words overlap by <see cref="NearCopyOverlap"/> or more.</summary>
    public static bool AreNearCopies(IReadOnlySet<string> a, IReadOnlySet<string> b)
    {
        if (a.Count < 3 || b.Count < 3) return false;
        var shared = a.Count(b.Contains);
        return shared >= NearCopyOverlap * (a.Count + b.Count - shared);
    }

    /// <summary>The words of three or more letters or digits of a text, lower case: what near-copies are judged on.</summary>
    public static HashSet<string> WordSet(string text)
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        var sb = new StringBuilder();
        foreach (var c in text + " ")
        {
            if (char.IsLetterOrDigit(c)) { sb.Append(char.ToLowerInvariant(c)); continue; }
            if (sb.Length > 2) set.Add(sb.ToString());
            sb.Clear();
        }
        return set;
    }

    private static uint Fnv1a(string s)
    {
        var hash = 2166136261u;
        foreach (var b in Encoding.UTF8.GetBytes(s)) hash = (hash ^ b) * 16777619u;
        return hash;
    }

    public static string DedupeKey(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var c in text)
            if (char.IsLetter(c)) sb.Append(char.ToLowerInvariant(c));
        return sb.ToString();
    }
}
