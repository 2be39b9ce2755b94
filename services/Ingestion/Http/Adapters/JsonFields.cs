using System.Globalization;
using System.Text.Json;

namespace JourneyFeedback.Ingestion.Http.Adapters;

/// <summary>Lenient readers for the payloads of other tools: a field of an unexpected type reads as absent.</summary>
internal static class JsonFields
{
    public static JsonElement? At(this JsonElement e, params string[] path)
    {
        foreach (var name in path)
        {
            if (e.ValueKind != JsonValueKind.Object || !e.TryGetProperty(name, out e)) return null;
        }
        return e.ValueKind == JsonValueKind.Null ? null : e;
    }

    public static string? Str(this JsonElement e, params string[] path) => e.At(path) switch
    {
        { ValueKind: JsonValueKind.String } v => v.GetString(),
        { ValueKind: JsonValueKind.Number } v => v.GetRawText(),
        { ValueKind: JsonValueKind.True or JsonValueKind.False } v => v.GetRawText(),
        _ => null,
    };

    public static int? Int(this JsonElement e, params string[] path) => e.At(path) switch
    {
        { ValueKind: JsonValueKind.Number } v when v.TryGetInt32(out var i) => i,
        { ValueKind: JsonValueKind.String } v when int.TryParse(v.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) => i,
        _ => null,
    };

    public static DateTimeOffset? Time(this JsonElement e, params string[] path) =>
        e.Str(path) is { } s && DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t) ? t : null;

    public static IEnumerable<JsonElement> Items(this JsonElement e, params string[] path) =>
        e.At(path) is { ValueKind: JsonValueKind.Array } a ? a.EnumerateArray() : [];

    /// <summary>A value as metadata text: strings as they are, anything else as compact JSON, capped at 2,048 characters.</summary>
    public static string Scalar(JsonElement v)
    {
        var text = v.ValueKind == JsonValueKind.String ? v.GetString() ?? "" : v.GetRawText();
        return text.Length > 2048 ? text[..2048] : text;
    }

    /// <summary>Every property of <paramref name="e"/> not in <paramref name="known"/>, as prefixed metadata.</summary>
    public static void KeepUnknown(this JsonElement e, IReadOnlySet<string> known, string prefix, IDictionary<string, string> metadata)
    {
        if (e.ValueKind != JsonValueKind.Object) return;
        foreach (var p in e.EnumerateObject())
        {
            if (known.Contains(p.Name) || p.Value.ValueKind == JsonValueKind.Null) continue;
            var key = prefix + p.Name;
            if (key.Length <= 64) metadata.TryAdd(key, Scalar(p.Value));
        }
    }

    public static string? Lower(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim().ToLowerInvariant();

    /// <summary>The payload is not the shape this adapter reads: a 400 naming the JSON path.</summary>
    public static FeedbackValidationException Shape(string path, string description) => new([new FieldViolation(path, description)]);
}
