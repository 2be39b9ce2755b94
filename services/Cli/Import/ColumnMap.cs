using System.Globalization;
using Google.Protobuf.WellKnownTypes;
using JourneyFeedback.Ingestion.V1;

namespace JourneyFeedback.Cli.Import;

/// <summary>
/// --map target=column,…: which column feeds which field. Targets: text, subject, external_id, customer_id,
/// language, stage, touchpoint, segment, priority, occurred_at, channel, nps, csat, ces, rating, survey_id,
/// product, platform, author, url, and metadata.NAME for anything else worth keeping.
/// </summary>
internal sealed class ColumnMap
{
    private static readonly HashSet<string> Targets =
    [
        "text", "subject", "external_id", "customer_id", "language", "stage", "touchpoint", "segment", "priority",
        "occurred_at", "channel", "nps", "csat", "ces", "rating", "survey_id", "product", "platform", "author", "url",
    ];

    private readonly Dictionary<string, string> _columns;

    private ColumnMap(Dictionary<string, string> columns) => _columns = columns;

    public bool HasExternalId => _columns.ContainsKey("external_id");

    public static ColumnMap Parse(string spec)
    {
        var columns = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in spec.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = pair.Split('=', 2, StringSplitOptions.TrimEntries);
            if (parts.Length != 2 || parts[0].Length == 0 || parts[1].Length == 0)
                throw new ArgumentException($"'{pair}' is not target=column");
            if (!Targets.Contains(parts[0]) && !(parts[0].StartsWith("metadata.", StringComparison.Ordinal) && parts[0].Length > 9))
                throw new ArgumentException($"'{parts[0]}' is not a target; use one of {string.Join(", ", Targets)} or metadata.NAME");
            columns[parts[0]] = parts[1];
        }
        if (!columns.ContainsKey("text") && !columns.ContainsKey("nps") && !columns.ContainsKey("csat") && !columns.ContainsKey("ces") && !columns.ContainsKey("rating"))
            throw new ArgumentException("map at least text (or a score) to a column, e.g. --map text=comment");
        return new ColumnMap(columns);
    }

    /// <summary>Columns the map names that the file's header lacks (CSV only: JSONL rows may differ line by line).</summary>
    public IEnumerable<string> MissingFrom(IReadOnlyList<string> header) =>
        header.Count == 0 ? [] : _columns.Values.Distinct().Where(c => !header.Contains(c, StringComparer.OrdinalIgnoreCase));

    /// <summary>The row as a gRPC item of its channel, or the reason it cannot be one.</summary>
    public (FeedbackItem? Item, string? Error) ToItem(SourceRow row, string source, string defaultChannel, string fallbackExternalId)
    {
        string Get(string target) => _columns.TryGetValue(target, out var column) && row.Fields.TryGetValue(column, out var v) ? v.Trim() : "";
        var errors = new List<string>();
        int? Score(string target)
        {
            var value = Get(target);
            if (value.Length == 0) return null;
            if (int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n)) return n;
            if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && d == Math.Floor(d)) return (int)d;
            errors.Add($"{target}: '{value}' is not a whole number");
            return null;
        }

        var origin = new Origin
        {
            Source = source,
            ExternalId = Get("external_id") is { Length: > 0 } id ? id : fallbackExternalId,
            CustomerId = Get("customer_id"),
            Language = Get("language"),
            Stage = Get("stage").ToLowerInvariant(),
            Touchpoint = Get("touchpoint"),
            Segment = Get("segment"),
        };
        if (Get("occurred_at") is { Length: > 0 } at)
        {
            if (DateTimeOffset.TryParse(at, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t)) origin.OccurredAt = Timestamp.FromDateTimeOffset(t);
            else errors.Add($"occurred_at: '{at}' is not a timestamp");
        }
        foreach (var (target, column) in _columns.Where(c => c.Key.StartsWith("metadata.", StringComparison.Ordinal)))
            if (row.Fields.TryGetValue(column, out var v) && v.Length > 0) origin.Metadata[target[9..]] = v;

        var channel = Get("channel") is { Length: > 0 } c ? c.ToLowerInvariant() : defaultChannel;
        var item = new FeedbackItem { CorrelationId = row.Number.ToString(CultureInfo.InvariantCulture) };
        switch (channel)
        {
            case "ticket":
                item.Ticket = new Ticket { Origin = origin, Text = Get("text"), Subject = Get("subject"), Priority = Get("priority").ToLowerInvariant() };
                break;
            case "survey":
                var survey = new SurveyResponse { Origin = origin, Text = Get("text"), SurveyId = Get("survey_id") };
                if (Score("nps") is { } nps) survey.Nps = nps;
                if (Score("csat") is { } csat) survey.Csat = csat;
                if (Score("ces") is { } ces) survey.Ces = ces;
                item.SurveyResponse = survey;
                break;
            case "review":
                item.Review = new Review { Origin = origin, Text = Get("text"), Rating = Score("rating") ?? 0, Product = Get("product") };
                break;
            case "social":
                item.SocialMention = new SocialMention { Origin = origin, Text = Get("text"), Platform = Get("platform"), Author = Get("author"), Url = Get("url") };
                break;
            default:
                errors.Add($"channel: '{channel}' is not ticket, survey, review or social");
                break;
        }
        return errors.Count > 0 ? (null, string.Join("; ", errors)) : (item, null);
    }
}
