using System.Globalization;
using System.Text.Json;
using JourneyFeedback.Contracts;

namespace JourneyFeedback.Ingestion.Http.Adapters;

/// <summary>
/// The generic webhook format: one JSON object with camelCase fields. Fields it does not know are kept
/// as metadata (scalars as text), so nothing a sender adds is lost.
/// </summary>
public static class GenericPayload
{
    private static readonly Dictionary<string, string> Names = new()
    {
        ["external_id"] = "externalId", ["customer_id"] = "customerId", ["occurred_at"] = "occurredAt",
    };

    private static readonly HashSet<string> Known =
    [
        "channel", "externalId", "text", "subject", "priority", "nps", "csat", "ces", "rating", "customerId",
        "language", "stage", "touchpoint", "segment", "occurredAt", "metadata",
    ];

    public static FeedbackDraft ToDraft(string source, JsonElement root)
    {
        var errors = new List<FieldViolation>();
        if (root.ValueKind != JsonValueKind.Object)
            throw new FeedbackValidationException([new FieldViolation("$", "the body must be a JSON object")]);

        string? Str(string name)
        {
            if (!root.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null) return null;
            if (v.ValueKind == JsonValueKind.String) return v.GetString();
            if (v.ValueKind == JsonValueKind.Number && name is "externalId" or "customerId") return v.GetRawText();
            errors.Add(new FieldViolation(name, "must be a string"));
            return null;
        }

        int? Int(string name)
        {
            if (!root.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null) return null;
            if (v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var i)) return i;
            if (v.ValueKind == JsonValueKind.String && int.TryParse(v.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var s)) return s;
            errors.Add(new FieldViolation(name, "must be an integer"));
            return null;
        }

        DateTimeOffset? occurredAt = null;
        if (Str("occurredAt") is { } at)
        {
            if (DateTimeOffset.TryParse(at, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed)) occurredAt = parsed;
            else errors.Add(new FieldViolation("occurredAt", "must be an ISO-8601 timestamp"));
        }

        var metadata = new Dictionary<string, string>();
        if (root.TryGetProperty("metadata", out var meta) && meta.ValueKind != JsonValueKind.Null)
        {
            if (meta.ValueKind != JsonValueKind.Object) errors.Add(new FieldViolation("metadata", "must be an object"));
            else foreach (var p in meta.EnumerateObject()) metadata[p.Name] = Scalar(p.Value);
        }
        foreach (var p in root.EnumerateObject().Where(p => !Known.Contains(p.Name)))
            metadata.TryAdd(p.Name, Scalar(p.Value));

        var draft = new FeedbackDraft
        {
            Source = source,
            Channel = Str("channel"),
            ExternalId = Str("externalId"),
            Text = Str("text"),
            Subject = Str("subject"),
            Priority = Str("priority"),
            CustomerId = Str("customerId"),
            Language = Str("language"),
            Stage = Str("stage"),
            Touchpoint = Str("touchpoint"),
            Segment = Str("segment"),
            Scores = new Scores(Int("nps"), Int("csat"), Int("ces"), Int("rating")),
            OccurredAt = occurredAt,
            Metadata = metadata,
            FieldName = f => Names.GetValueOrDefault(f, f),
        };
        if (errors.Count > 0) throw new FeedbackValidationException(errors);
        return draft;
    }

    private static string Scalar(JsonElement v) => v.ValueKind switch
    {
        JsonValueKind.String => v.GetString() ?? "",
        _ => v.GetRawText() is { Length: > 2048 } raw ? raw[..2048] : v.GetRawText(),
    };
}
