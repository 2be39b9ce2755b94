using System.Text.Json;
using JourneyFeedback.Ingestion;
using JourneyFeedback.Ingestion.Http.Adapters;

namespace JourneyFeedback.UnitTests.Ingestion;

public class GenericPayloadTests
{
    private static FeedbackDraft Parse(string json) => GenericPayload.ToDraft("typeform", JsonDocument.Parse(json).RootElement);

    [Fact]
    public void KnownFieldsAreMappedAndUnknownOnesKeptAsMetadata()
    {
        var d = Parse("""{"channel":"survey","externalId":42,"text":"meh","nps":"7","csat":4,"formId":"f-1","answers":[1,2]}""");
        Assert.Equal(("typeform", "survey", "42", "meh"), (d.Source, d.Channel, d.ExternalId, d.Text));
        Assert.Equal((7, 4), (d.Scores.Nps, d.Scores.Csat));
        Assert.Equal("f-1", d.Metadata["formId"]);
        Assert.Equal("[1,2]", d.Metadata["answers"]);
    }

    [Fact]
    public void WrongTypesAreReportedWithTheJsonFieldName()
    {
        var e = Assert.Throws<FeedbackValidationException>(() => Parse("""{"channel":"survey","text":["a"],"nps":7.5,"occurredAt":"yesterday"}"""));
        Assert.Equal(["nps", "occurredAt", "text"], e.Violations.Select(v => v.Field).Order().ToArray());
    }

    [Fact]
    public void ANonObjectBodyIsRejected() =>
        Assert.Throws<FeedbackValidationException>(() => Parse("[1,2,3]"));

    [Fact]
    public void ValidatorViolationsUseCamelCaseNames()
    {
        var d = Parse("""{"channel":"survey","text":"x","externalId":"e"}""") with { CustomerId = new string('c', 300) };
        var validator = new FeedbackValidator(Microsoft.Extensions.Options.Options.Create(new IngestionOptions()), TimeProvider.System);
        var e = Assert.Throws<FeedbackValidationException>(() => validator.Validate(d));
        Assert.Equal("customerId", Assert.Single(e.Violations).Field);
    }
}
