using System.Text.Json;
using JourneyFeedback.Contracts;

namespace JourneyFeedback.Ingestion.Http.Adapters;

/// <summary>
/// Typeform's <c>form_response</c> webhook. Scores come from the answers: a question of type <c>nps</c>, or
/// an opinion scale or rating whose ref or title names NPS, CSAT or CES (e.g. ref <c>csat</c>); free-text
/// answers make the text. Hidden fields carry what the survey link knew: customer_id, touchpoint, stage,
/// language (or lang), segment. Every other answer and hidden field is kept as metadata.
/// </summary>
public static class TypeformPayload
{
    private static readonly HashSet<string> KnownHidden = ["customer_id", "customerid", "user_id", "touchpoint", "stage", "language", "lang", "segment"];

    public static FeedbackDraft ToDraft(string source, JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
            throw JsonFields.Shape("$", "the body must be a JSON object");
        if (root.Str("event_type") is { } type && type != "form_response")
            throw JsonFields.Shape("event_type", "must be form_response");
        if (root.At("form_response") is not { ValueKind: JsonValueKind.Object } response)
            throw JsonFields.Shape("form_response", "is required and must be an object");

        var titles = response.Items("definition", "fields")
            .Where(f => f.Str("id") is not null)
            .GroupBy(f => f.Str("id")!)
            .ToDictionary(g => g.Key, g => g.First().Str("title") ?? "");

        var metadata = new Dictionary<string, string>();
        int? nps = null, csat = null, ces = null, rating = null;
        var texts = new List<string>();
        foreach (var answer in response.Items("answers"))
        {
            var fieldType = answer.Str("field", "type") ?? "";
            var name = (answer.Str("field", "ref") ?? answer.Str("field", "id") ?? "answer").ToLowerInvariant();
            var label = Words($"{name} {titles.GetValueOrDefault(answer.Str("field", "id") ?? "", "")}");
            switch (answer.Str("type"))
            {
                case "number" when answer.Int("number") is { } n:
                    if (fieldType == "nps" || label.Overlaps(["nps", "recommend"])) nps ??= n;
                    else if (label.Overlaps(["csat", "satisfied", "satisfaction"])) csat ??= n;
                    else if (label.Overlaps(["ces", "effort", "easy"])) ces ??= n;
                    else if (fieldType == "rating") rating ??= n;
                    else metadata.TryAdd($"answer.{name}", n.ToString(System.Globalization.CultureInfo.InvariantCulture));
                    break;
                case "text" when answer.Str("text") is { Length: > 0 } text:
                    texts.Add(text.Trim());
                    break;
                case { } kind when answer.At(kind) is { } value:
                    metadata.TryAdd($"answer.{name}", kind switch
                    {
                        "choice" => value.Str("label") ?? value.Str("other") ?? JsonFields.Scalar(value),
                        "choices" => string.Join(", ", value.Items("labels").Select(JsonFields.Scalar)),
                        _ => JsonFields.Scalar(value),
                    });
                    break;
            }
        }

        var hidden = response.At("hidden") ?? default;  // absent reads as Undefined: every lookup is null
        hidden.KeepUnknown(KnownHidden, "hidden.", metadata);
        Add(metadata, "form_id", response.Str("form_id") ?? response.Str("definition", "id"));
        Add(metadata, "form_title", response.Str("definition", "title"));
        Add(metadata, "event_id", root.Str("event_id"));
        Add(metadata, "score", response.Str("calculated", "score"));

        return new FeedbackDraft
        {
            Source = source,
            Channel = Channels.Survey,
            ExternalId = response.Str("token") ?? response.Str("response_id"),
            Text = string.Join("\n", texts),
            CustomerId = hidden.Str("customer_id") ?? hidden.Str("customerid") ?? hidden.Str("user_id"),
            Touchpoint = hidden.Str("touchpoint"),
            Stage = JsonFields.Lower(hidden.Str("stage")),
            Language = hidden.Str("language") ?? hidden.Str("lang"),
            Segment = hidden.Str("segment"),
            Scores = new Scores(nps, csat, ces, rating),
            OccurredAt = response.Time("submitted_at") ?? response.Time("landed_at"),
            Metadata = metadata,
            FieldName = f => f == "source" ? f : "form_response." + FieldNames.GetValueOrDefault(f, "hidden." + f),
        };
    }

    private static readonly Dictionary<string, string> FieldNames = new()
    {
        ["text"] = "answers", ["nps"] = "answers", ["csat"] = "answers", ["ces"] = "answers", ["rating"] = "answers",
        ["external_id"] = "token", ["occurred_at"] = "submitted_at", ["metadata"] = "answers", ["channel"] = "answers",
    };

    private static HashSet<string> Words(string s) =>
        [.. s.ToLowerInvariant().Split(s.Where(c => !char.IsLetterOrDigit(c)).Distinct().ToArray(), StringSplitOptions.RemoveEmptyEntries)];

    private static void Add(Dictionary<string, string> metadata, string key, string? value)
    {
        if (!string.IsNullOrEmpty(value)) metadata.TryAdd(key, value);
    }
}
