using System.Text.Json;
using JourneyFeedback.Ingestion;
using JourneyFeedback.Ingestion.Http.Adapters;
using Microsoft.Extensions.Options;

namespace JourneyFeedback.UnitTests.Ingestion;

public class WebhookAdapterTests
{
    private static JsonElement Fixture(string name) =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "Webhooks", name))).RootElement;

    private static readonly FeedbackValidator Validator = new(Options.Create(new IngestionOptions()), TimeProvider.System);

    [Fact]
    public void TypeformFormResponseMapsScoresTextHiddenFieldsAndKeepsTheRest()
    {
        var d = TypeformPayload.ToDraft("typeform-eu", Fixture("typeform-form-response.json"));
        Assert.Equal(("survey", "a3a12ec67a1365927098a606107fac15"), (d.Channel, d.ExternalId));
        Assert.Equal((3, 2), (d.Scores.Nps, d.Scores.Csat));
        Assert.StartsWith("Delivery took two weeks", d.Text);
        Assert.Equal(("cus_8812", "post-delivery-email", "purchase", "en"), (d.CustomerId, d.Touchpoint, d.Stage, d.Language));
        Assert.Equal(new DateTimeOffset(2025, 11, 20, 10, 0, 3, TimeSpan.Zero), d.OccurredAt);
        Assert.Equal("q4-nps", d.Metadata["hidden.campaign"]);
        Assert.Equal("Pro", d.Metadata["answer.plan"]);
        Assert.Equal("jane.doe@example.com", d.Metadata["answer.contact_email"]);
        Assert.Equal("lT4Z3j", d.Metadata["form_id"]);
        Validator.Validate(d);
    }

    [Fact]
    public void ZendeskTicketCreatedEventMapsTheTicket()
    {
        var d = ZendeskPayload.ToDraft("zendesk", Fixture("zendesk-ticket-created.json"));
        Assert.Equal(("ticket", "5158", "Card declined at checkout", "high"), (d.Channel, d.ExternalId, d.Subject, d.Priority));
        Assert.Contains("rejecting my card", d.Text);
        Assert.Equal(("8447388090494", "web_form", "purchase"), (d.CustomerId, d.Touchpoint, d.Stage));
        Assert.Equal("INCIDENT", d.Metadata["type"]);
        Assert.Equal("zen:event-type:ticket.created", d.Metadata["event_type"]);
        Assert.Equal("checkout,stage_purchase,vip", d.Metadata["tags"]);
        Validator.Validate(d);
    }

    [Fact]
    public void ZendeskTriggerPayloadMapsLocaleSatisfactionAndStringTags()
    {
        var d = ZendeskPayload.ToDraft("zendesk", Fixture("zendesk-trigger.json"));
        Assert.Equal(("7781", "pl", "retention", "email"), (d.ExternalId, d.Language, d.Stage, d.Touchpoint));
        Assert.Equal(1, d.Scores.Csat);
        Assert.Equal("391002", d.CustomerId);
        Assert.Equal("Acme EU", d.Metadata["brand"]);
        Validator.Validate(d);
    }

    [Fact]
    public void ZendeskCommentEventIsItsOwnItem()
    {
        var json = JsonDocument.Parse("""
            {"type":"zen:event-type:ticket.comment_added","id":"evt-9","time":"2025-11-20T11:00:00Z",
             "detail":{"id":"5158","subject":"Card declined","description":"first text"},
             "event":{"comment":{"id":"c-1","body":"Still broken today"}}}
            """).RootElement;
        var d = ZendeskPayload.ToDraft("zendesk", json);
        Assert.Equal(("5158:evt-9", "Still broken today"), (d.ExternalId, d.Text));
    }

    [Fact]
    public void TrustpilotEventsBecomeOneReviewEachWithoutTheReviewersName()
    {
        var drafts = TrustpilotPayload.ToDrafts("trustpilot", Fixture("trustpilot-service-reviews.json"));
        Assert.Equal(2, drafts.Count);
        var d = drafts[0];
        Assert.Equal(("review", "6745a1c2f0e3b2a1d4c5e6f7", 1, "Nie wieder", "de"), (d.Channel, d.ExternalId, d.Scores.Rating, d.Subject, d.Language));
        Assert.Equal("5f1e2d3c4b5a69788796a5b4", d.CustomerId);
        Assert.Equal(("order-1182", "campaign:winter"), (d.Metadata["reference_id"], d.Metadata["tags"]));
        Assert.Equal("true", d.Metadata["isVerified"]);
        Assert.DoesNotContain(d.Metadata.Values, v => v.Contains("Mustermann"));
        Assert.Equal(5, drafts[1].Scores.Rating);
        foreach (var draft in drafts) Validator.Validate(draft);
    }

    [Fact]
    public void AdapterViolationsNameThePathInTheToolsPayload()
    {
        var json = JsonDocument.Parse("""{"events":[{"eventData":{"id":"r1","stars":9,"text":"hm"}}]}""").RootElement;
        var e = Assert.Throws<FeedbackValidationException>(() => Validator.Validate(TrustpilotPayload.ToDrafts("trustpilot", json)[0]));
        Assert.Equal("events[0].eventData.stars", Assert.Single(e.Violations).Field);
    }

    [Theory]
    [InlineData("typeform", """{"event_type":"form_response"}""", "form_response")]
    [InlineData("zendesk", """{"type":"zen:event-type:ticket.created"}""", "ticket")]
    [InlineData("trustpilot", """{"events":[]}""", "events")]
    [InlineData("trustpilot", """[1]""", "$")]
    public void APayloadOfTheWrongShapeIsRejectedNamingWhatIsMissing(string format, string json, string field)
    {
        var e = Assert.Throws<FeedbackValidationException>(() => WebhookFormats.All[format].ToDrafts("s", JsonDocument.Parse(json).RootElement));
        Assert.Equal(field, Assert.Single(e.Violations).Field);
    }
}
