using System.Text.Json;
using JourneyFeedback.Contracts;

namespace JourneyFeedback.Ingestion.Http.Adapters;

/// <summary>
/// Zendesk ticket webhooks in both shapes Zendesk sends: event subscriptions
/// (<c>{"type":"zen:event-type:ticket.created","detail":{…ticket…},"event":{…}}</c>) and the JSON body of a
/// trigger or automation, conventionally <c>{"ticket":{…}}</c>. The ticket description (or the added
/// comment) is the text; a tag <c>stage_purchase</c> or <c>stage:purchase</c> is the stage hint, the
/// satisfaction rating good/bad becomes CSAT 5/1, and the via channel is the touchpoint.
/// </summary>
public static class ZendeskPayload
{
    private static readonly HashSet<string> KnownTicket =
    [
        "id", "subject", "description", "priority", "requester_id", "requester", "created_at", "updated_at", "tags",
        "via", "satisfaction_rating", "satisfaction", "locale", "comment", "latest_comment", "external_id", "url",
    ];

    public static FeedbackDraft ToDraft(string source, JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
            throw JsonFields.Shape("$", "the body must be a JSON object");
        var isEvent = root.At("detail") is { ValueKind: JsonValueKind.Object };
        var ticket = isEvent ? root.At("detail")!.Value : root.At("ticket") ?? default;
        if (ticket.ValueKind != JsonValueKind.Object)
            throw JsonFields.Shape("ticket", "a ticket object is required (\"detail\" of an event, or \"ticket\")");
        var prefix = isEvent ? "detail." : "ticket.";

        var eventType = root.Str("type") ?? "";
        var comment = root.At("event", "comment") ?? ticket.At("latest_comment") ?? ticket.At("comment");
        var isComment = eventType.EndsWith("comment_added", StringComparison.Ordinal);
        var text = isComment ? comment?.Str("body") : ticket.Str("description") ?? comment?.Str("body");
        var ticketId = ticket.Str("id");

        var metadata = new Dictionary<string, string>();
        ticket.KeepUnknown(KnownTicket, "", metadata);
        if (eventType.Length > 0) metadata["event_type"] = eventType;
        if (root.Str("account_id") is { } account) metadata["account_id"] = account;
        if ((ticket.Str("satisfaction_rating", "comment") ?? ticket.Str("satisfaction", "current_comment")) is { Length: > 0 } satisfactionComment)
            metadata["satisfaction_comment"] = satisfactionComment;

        var tags = Tags(ticket).ToList();
        if (tags.Count > 0) metadata["tags"] = string.Join(",", tags);

        return new FeedbackDraft
        {
            Source = source,
            Channel = Channels.Ticket,
            // One ticket is one item; each later comment is its own item keyed by the event id.
            ExternalId = isComment && ticketId is not null ? $"{ticketId}:{root.Str("id") ?? comment?.Str("id")}" : ticketId,
            Subject = ticket.Str("subject"),
            Text = text,
            Priority = JsonFields.Lower(ticket.Str("priority")),
            CustomerId = ticket.Str("requester_id") ?? ticket.Str("requester", "id"),
            Language = ticket.Str("requester", "locale") ?? ticket.Str("locale"),
            Touchpoint = ticket.Str("via", "channel") ?? ticket.Str("via"),
            Stage = tags.Select(StageOf).FirstOrDefault(s => s is not null),
            Scores = new Scores(Csat: Csat(ticket.Str("satisfaction_rating", "score") ?? ticket.Str("satisfaction", "current_rating"))),
            OccurredAt = isComment ? root.Time("time") ?? ticket.Time("updated_at") : ticket.Time("created_at") ?? root.Time("time"),
            Metadata = metadata,
            FieldName = f => f switch
            {
                "source" => f,
                "text" => prefix + "description",
                "external_id" => prefix + "id",
                "customer_id" => prefix + "requester_id",
                "stage" => prefix + "tags",
                "csat" => prefix + "satisfaction_rating",
                "occurred_at" => prefix + "created_at",
                "touchpoint" => prefix + "via",
                "language" => prefix + "requester.locale",
                "channel" => "type",
                _ => prefix + f,
            },
        };
    }

    private static IEnumerable<string> Tags(JsonElement ticket) => ticket.At("tags") switch
    {
        { ValueKind: JsonValueKind.Array } a => a.EnumerateArray().Where(t => t.ValueKind == JsonValueKind.String).Select(t => t.GetString()!),
        // Trigger placeholders render {{ticket.tags}} as one space-separated string.
        { ValueKind: JsonValueKind.String } s => s.GetString()!.Split(' ', StringSplitOptions.RemoveEmptyEntries),
        _ => [],
    };

    private static string? StageOf(string tag) =>
        tag.StartsWith("stage_", StringComparison.OrdinalIgnoreCase) || tag.StartsWith("stage:", StringComparison.OrdinalIgnoreCase)
            ? tag[6..].ToLowerInvariant()
            : null;

    private static int? Csat(string? rating) => rating?.ToLowerInvariant() switch
    {
        "good" => 5,
        "bad" => 1,
        _ => null,
    };
}
