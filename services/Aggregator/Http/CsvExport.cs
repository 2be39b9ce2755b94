using System.Globalization;
using System.Text;

namespace JourneyFeedback.Aggregator.Http;

/// <summary>Pain points as RFC 4180 CSV, one row each, for spreadsheets.</summary>
public static class CsvExport
{
    public static string Write(IEnumerable<PainPointView> rows)
    {
        var sb = new StringBuilder("id,stage,topic,count,severity,trend,average_sentiment,channels,languages,first_seen,last_seen,stage_reason,text\r\n");
        foreach (var v in rows)
        {
            var p = v.PainPoint;
            string[] cells =
            [
                p.Id, p.Stage, p.Topic, p.Count.ToString(CultureInfo.InvariantCulture), v.Severity.ToString(CultureInfo.InvariantCulture),
                v.Trend, p.AverageSentiment.ToString("0.####", CultureInfo.InvariantCulture),
                string.Join(' ', p.Channels.Select(c => $"{c.Key}:{c.Value}")), string.Join(' ', p.Languages.Select(c => $"{c.Key}:{c.Value}")),
                p.FirstSeen.ToString("O"), p.LastSeen.ToString("O"), p.Latest.StageReason, p.Latest.Text,
            ];
            sb.Append(string.Join(',', cells.Select(Quote))).Append("\r\n");
        }
        return sb.ToString();
    }

    private static string Quote(string cell)
    {
        // A leading =, +, - or @ would run as a formula in a spreadsheet.
        if (cell.Length > 0 && "=+-@".Contains(cell[0]) && !double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out _)) cell = "'" + cell;
        return cell.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? $"\"{cell.Replace("\"", "\"\"")}\"" : cell;
    }
}
