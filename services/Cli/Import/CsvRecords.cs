using System.Text;

namespace JourneyFeedback.Cli.Import;

/// <summary>
/// RFC 4180 records from a reader: comma-separated, fields in double quotes may hold commas, line breaks
/// and doubled quotes; CRLF or LF ends a record. Streams: one record in memory at a time.
/// </summary>
internal static class CsvRecords
{
    public static IEnumerable<List<string>> Read(TextReader reader)
    {
        var record = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        var fieldStarted = false;
        int c;
        while ((c = reader.Read()) != -1)
        {
            var ch = (char)c;
            if (quoted)
            {
                if (ch != '"') field.Append(ch);
                else if (reader.Peek() == '"') { reader.Read(); field.Append('"'); }
                else quoted = false;
                continue;
            }
            switch (ch)
            {
                case '"' when field.Length == 0:
                    quoted = true;
                    fieldStarted = true;
                    break;
                case ',':
                    record.Add(field.ToString());
                    field.Clear();
                    fieldStarted = true;
                    break;
                case '\r' when reader.Peek() == '\n':
                    break;
                case '\n' or '\r':
                    record.Add(field.ToString());
                    field.Clear();
                    // A blank line is no record.
                    if (record.Count > 1 || record[0].Length > 0 || fieldStarted) yield return record;
                    record = [];
                    fieldStarted = false;
                    break;
                default:
                    field.Append(ch);
                    break;
            }
        }
        if (field.Length > 0 || fieldStarted || record.Count > 0)
        {
            record.Add(field.ToString());
            yield return record;
        }
    }

    /// <summary>One CSV field, quoted when it must be.</summary>
    public static string Quote(string value) =>
        value.IndexOfAny([',', '"', '\r', '\n']) < 0 ? value : "\"" + value.Replace("\"", "\"\"") + "\"";
}
