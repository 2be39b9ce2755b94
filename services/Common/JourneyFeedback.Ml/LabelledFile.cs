namespace JourneyFeedback.Ml;

public sealed record LabelledRow(string Text, string Label, string? Topic);

/// <summary>A labelled TSV for measuring (jf evaluate, the development set): a header naming text and label, optionally topic.</summary>
public static class LabelledFile
{
    public static List<LabelledRow> Read(string path)
    {
        using var reader = new StreamReader(path);
        var header = (reader.ReadLine() ?? "").Split('\t');
        int text = Array.IndexOf(header, "text"), label = Array.IndexOf(header, "label"), topic = Array.IndexOf(header, "topic");
        if (text < 0 || label < 0) throw new InvalidDataException($"{path}: the header must name the columns text and label");
        var rows = new List<LabelledRow>();
        for (var line = reader.ReadLine(); line is not null; line = reader.ReadLine())
        {
            var f = line.Split('\t');
            if (f.Length <= Math.Max(text, label)) continue;
            rows.Add(new LabelledRow(f[text], f[label], topic >= 0 && topic < f.Length && f[topic].Length > 0 ? f[topic] : null));
        }
        return rows;
    }
}
