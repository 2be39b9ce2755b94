using System.Text.Json;

namespace JourneyFeedback.Cli.Import;

/// <summary>One input row: its number (1 = first data row), its fields by column name, or why it could not be read.</summary>
internal sealed record SourceRow(long Number, IReadOnlyDictionary<string, string> Fields, string? Error = null);

/// <summary>Rows of a CSV (first record names the columns) or JSONL (one JSON object per line) export.</summary>
internal static class SourceRows
{
    public static bool IsJsonLines(string path) =>
        path.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".ndjson", StringComparison.OrdinalIgnoreCase);

    public static IEnumerable<SourceRow> Read(string path) => IsJsonLines(path) ? ReadJsonLines(path) : ReadCsv(path);

    public static IReadOnlyList<string> Columns(string path)
    {
        if (IsJsonLines(path)) return [];
        using var reader = new StreamReader(path);
        return CsvRecords.Read(reader).FirstOrDefault() ?? [];
    }

    private static IEnumerable<SourceRow> ReadCsv(string path)
    {
        using var reader = new StreamReader(path);
        List<string>? header = null;
        long number = 0;
        foreach (var record in CsvRecords.Read(reader))
        {
            if (header is null) { header = record; continue; }
            number++;
            if (record.Count != header.Count)
            {
                yield return new SourceRow(number, new Dictionary<string, string>(), $"has {record.Count} fields, the header has {header.Count}");
                continue;
            }
            var fields = new Dictionary<string, string>(header.Count, StringComparer.OrdinalIgnoreCase);
            for (var i = 0; i < header.Count; i++) fields[header[i]] = record[i];
            yield return new SourceRow(number, fields);
        }
    }

    private static IEnumerable<SourceRow> ReadJsonLines(string path)
    {
        long number = 0;
        foreach (var line in File.ReadLines(path))
        {
            if (string.IsNullOrWhiteSpace(line)) continue;
            number++;
            Dictionary<string, string>? fields = null;
            string? error = null;
            try
            {
                using var doc = JsonDocument.Parse(line);
                if (doc.RootElement.ValueKind != JsonValueKind.Object) error = "is not a JSON object";
                else fields = doc.RootElement.EnumerateObject()
                    .Where(p => p.Value.ValueKind != JsonValueKind.Null)
                    .GroupBy(p => p.Name, StringComparer.OrdinalIgnoreCase)
                    .ToDictionary(g => g.Key, g => g.First().Value is { ValueKind: JsonValueKind.String } s ? s.GetString()! : g.First().Value.GetRawText(),
                        StringComparer.OrdinalIgnoreCase);
            }
            catch (JsonException e)
            {
                error = "is not valid JSON: " + e.Message;
            }
            yield return new SourceRow(number, fields ?? new Dictionary<string, string>(), error);
        }
    }
}
