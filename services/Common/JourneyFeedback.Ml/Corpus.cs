using System.Text;

namespace JourneyFeedback.Ml;

public sealed record CorpusRow(string Text, string Sentiment, string Topic, string Stage, string Channel, string Language, string? Emotion = null);

/// <summary>
/// The labelled corpus under data/corpus: TSV files with the header text, sentiment, topic, stage, channel
/// and optionally language (else the folder name). Rows are split into train and held-out by a hash of
/// their text with case, digits and punctuation removed, so near-copies always land on the same side.
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
                rows.Add(new CorpusRow(f[text], f[sentiment], f[topic], f[stage],
                    channel >= 0 ? f[channel] : "", language >= 0 ? f[language] : folderLanguage,
                    emotion >= 0 && f[emotion].Length > 0 ? f[emotion] : null));
            }
        }
        return rows;
    }

    /// <summary>True for the held-out share (about 1 in 6) that training never sees.</summary>
    public static bool IsHeldOut(CorpusRow row) => Fnv1a(DedupeKey(row.Text)) % 6 == 0;

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
