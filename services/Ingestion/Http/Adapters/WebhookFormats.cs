using System.Text.Json;

namespace JourneyFeedback.Ingestion.Http.Adapters;

/// <summary>
/// One adapter per sender's payload shape, chosen by the route: /webhooks/{source} takes the generic
/// format, /webhooks/{source}/{format} a tool's own. Each turns one delivery into one or more drafts.
/// </summary>
public sealed record WebhookFormat(string Name, string SignatureScheme, Func<string, JsonElement, IReadOnlyList<FeedbackDraft>> ToDrafts);

public static class WebhookFormats
{
    public const string Generic = "generic";

    public static readonly IReadOnlyDictionary<string, WebhookFormat> All = new Dictionary<string, WebhookFormat>
    {
        [Generic] = new(Generic, "standard", (s, e) => [GenericPayload.ToDraft(s, e)]),
        ["typeform"] = new("typeform", "typeform", (s, e) => [TypeformPayload.ToDraft(s, e)]),
        ["zendesk"] = new("zendesk", "zendesk", (s, e) => [ZendeskPayload.ToDraft(s, e)]),
        ["trustpilot"] = new("trustpilot", "standard", TrustpilotPayload.ToDrafts),
    };
}
