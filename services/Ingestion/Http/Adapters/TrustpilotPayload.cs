using System.Text.Json;
using JourneyFeedback.Contracts;

namespace JourneyFeedback.Ingestion.Http.Adapters;

/// <summary>
/// Trustpilot's service-review webhooks: <c>{"events":[{"eventName":"service-review-created","eventData":{…}}]}</c>,
/// one item per event. Stars are the rating, the title the subject. The reviewer's display name is dropped:
/// it is personal data the analysis never needs; their Trustpilot consumer id is the customer id.
/// </summary>
public static class TrustpilotPayload
{
    private static readonly HashSet<string> KnownReview =
        ["id", "createdAt", "stars", "title", "text", "language", "consumer", "referenceId", "tags", "link", "location"];

    public static IReadOnlyList<FeedbackDraft> ToDrafts(string source, JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
            throw JsonFields.Shape("$", "the body must be a JSON object");
        var events = root.Items("events").ToList();
        if (events.Count == 0) throw JsonFields.Shape("events", "must be a non-empty array of review events");
        if (events.Count > 100) throw JsonFields.Shape("events", "must hold at most 100 events");
        return [.. events.Select((e, i) => ToDraft(source, e, $"events[{i}]."))];
    }

    private static FeedbackDraft ToDraft(string source, JsonElement e, string path)
    {
        var review = e.At("eventData") ?? default;
        if (review.ValueKind != JsonValueKind.Object)
            throw JsonFields.Shape(path + "eventData", "must be an object");

        var metadata = new Dictionary<string, string>();
        review.KeepUnknown(KnownReview, "", metadata);
        if (e.Str("eventName") is { } name) metadata["event_name"] = name;
        if (review.Str("referenceId") is { } reference) metadata["reference_id"] = reference;
        if ((review.Str("link") ?? review.Str("link", "href")) is { } link) metadata["url"] = link;
        if ((review.Str("location", "name") ?? review.Str("location")) is { } location) metadata["location"] = location;
        var tags = review.Items("tags").Select(t => $"{t.Str("group")}:{t.Str("value")}").ToList();
        if (tags.Count > 0) metadata["tags"] = string.Join(",", tags);

        return new FeedbackDraft
        {
            Source = source,
            Channel = Channels.Review,
            ExternalId = review.Str("id"),
            Subject = review.Str("title"),
            Text = review.Str("text"),
            Language = review.Str("language"),
            CustomerId = review.Str("consumer", "id"),
            Touchpoint = "trustpilot",
            Scores = new Scores(Rating: review.Int("stars")),
            OccurredAt = review.Time("createdAt"),
            Metadata = metadata,
            FieldName = f => f switch
            {
                "source" => f,
                "rating" => path + "eventData.stars",
                "subject" => path + "eventData.title",
                "external_id" => path + "eventData.id",
                "customer_id" => path + "eventData.consumer.id",
                "occurred_at" => path + "eventData.createdAt",
                _ => path + "eventData." + f,
            },
        };
    }
}
