using JourneyFeedback.Contracts;
using JourneyFeedback.Ingestion.V1;

namespace JourneyFeedback.Ingestion.Grpc;

/// <summary>Maps the wire messages to drafts; violations are reported with the proto field paths.</summary>
internal static class ProtoMapping
{
    private static readonly HashSet<string> OriginFields =
        ["source", "external_id", "customer_id", "language", "stage", "touchpoint", "occurred_at", "metadata", "segment"];

    private static Func<string, string> Names(string prefix = "") =>
        f => prefix + (OriginFields.Contains(f) ? "origin." + f : f);

    public static FeedbackDraft ToDraft(Ticket t, string prefix = "") => FromOrigin(t.Origin, prefix) with
    {
        Channel = Channels.Ticket,
        Subject = t.Subject,
        Text = t.Text,
        Priority = t.Priority,
    };

    public static FeedbackDraft ToDraft(SurveyResponse s, string prefix = "") => FromOrigin(s.Origin, prefix) with
    {
        Channel = Channels.Survey,
        Text = s.Text,
        Scores = new Scores(s.HasNps ? s.Nps : null, s.HasCsat ? s.Csat : null, s.HasCes ? s.Ces : null),
        Metadata = WithEntry(s.Origin, "survey_id", s.SurveyId),
    };

    public static FeedbackDraft ToDraft(Review r, string prefix = "") => FromOrigin(r.Origin, prefix) with
    {
        Channel = Channels.Review,
        Text = r.Text,
        Scores = new Scores(Rating: r.Rating == 0 ? null : r.Rating),
        Metadata = WithEntry(r.Origin, "product", r.Product),
    };

    public static FeedbackDraft ToDraft(SocialMention m, string prefix = "") => FromOrigin(m.Origin, prefix) with
    {
        Channel = Channels.Social,
        Text = m.Text,
        Metadata = WithEntry(WithEntry(WithEntry(m.Origin, "platform", m.Platform), "author", m.Author), "url", m.Url),
    };

    public static FeedbackDraft ToDraft(V1.FeedbackItem item) => item.KindCase switch
    {
        V1.FeedbackItem.KindOneofCase.Ticket => ToDraft(item.Ticket, "ticket."),
        V1.FeedbackItem.KindOneofCase.SurveyResponse => ToDraft(item.SurveyResponse, "survey_response."),
        V1.FeedbackItem.KindOneofCase.Review => ToDraft(item.Review, "review."),
        V1.FeedbackItem.KindOneofCase.SocialMention => ToDraft(item.SocialMention, "social_mention."),
        // Nothing else can be checked on an item that is none of the kinds.
        _ => throw new FeedbackValidationException(
            [new FieldViolation("kind", "must be one of ticket, survey_response, review, social_mention")]),
    };

    private static FeedbackDraft FromOrigin(Origin? o, string prefix) => new()
    {
        Source = o?.Source,
        ExternalId = o?.ExternalId,
        CustomerId = o?.CustomerId,
        Language = o?.Language,
        Stage = o?.Stage,
        Touchpoint = o?.Touchpoint,
        Segment = o?.Segment,
        OccurredAt = o?.OccurredAt?.ToDateTimeOffset(),
        Metadata = o is null ? new Dictionary<string, string>() : new Dictionary<string, string>(o.Metadata),
        FieldName = Names(prefix),
    };

    private static Dictionary<string, string> WithEntry(Origin? o, string key, string value)
    {
        var metadata = o is null ? new Dictionary<string, string>() : new Dictionary<string, string>(o.Metadata);
        if (!string.IsNullOrEmpty(value)) metadata[key] = value;
        return metadata;
    }

    private static IReadOnlyDictionary<string, string> WithEntry(IReadOnlyDictionary<string, string> metadata, string key, string value)
    {
        if (string.IsNullOrEmpty(value)) return metadata;
        return new Dictionary<string, string>(metadata) { [key] = value };
    }
}
