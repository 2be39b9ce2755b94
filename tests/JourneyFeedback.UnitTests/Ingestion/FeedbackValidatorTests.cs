using JourneyFeedback.Contracts;
using JourneyFeedback.Ingestion;
using Microsoft.Extensions.Options;

namespace JourneyFeedback.UnitTests.Ingestion;

public class FeedbackValidatorTests
{
    private readonly FeedbackValidator _validator = new(Options.Create(new IngestionOptions()), TimeProvider.System);

    private static FeedbackDraft Valid => new()
    {
        Source = "zendesk-eu",
        ExternalId = "T-1",
        Channel = Channels.Ticket,
        Text = "  The checkout kept rejecting my card  ",
    };

    private IReadOnlyList<FieldViolation> Violations(FeedbackDraft draft) =>
        Assert.Throws<FeedbackValidationException>(() => _validator.Validate(draft)).Violations;

    [Fact]
    public void ValidTicketIsAcceptedWithTrimmedTextAndANewId()
    {
        var item = _validator.Validate(Valid);
        Assert.Equal("The checkout kept rejecting my card", item.Text);
        Assert.NotEqual(Guid.Empty, item.FeedbackId);
        Assert.Equal("T-1", item.ExternalId);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public void EmptyTextIsRejectedNamingText(string? text) =>
        Assert.Equal("text", Assert.Single(Violations(Valid with { Text = text })).Field);

    [Theory]
    [InlineData(11, null, null, "nps")]
    [InlineData(-1, null, null, "nps")]
    [InlineData(null, 0, null, "csat")]
    [InlineData(null, 6, null, "csat")]
    [InlineData(null, null, 8, "ces")]
    public void ScoresOutOfRangeAreRejectedNamingTheScore(int? nps, int? csat, int? ces, string field)
    {
        var draft = Valid with { Channel = Channels.Survey, Scores = new Scores(nps, csat, ces) };
        Assert.Equal(field, Assert.Single(Violations(draft)).Field);
    }

    [Theory]
    [InlineData("sms")]
    [InlineData("")]
    [InlineData(null)]
    public void UnknownChannelIsRejected(string? channel) =>
        Assert.Equal("channel", Assert.Single(Violations(Valid with { Channel = channel })).Field);

    [Fact]
    public void SurveyWithOnlyAScoreIsAccepted()
    {
        var item = _validator.Validate(Valid with { Channel = Channels.Survey, Text = "", Scores = new Scores(Nps: 3) });
        Assert.Equal(3, item.Scores.Nps);
    }

    [Fact]
    public void EveryBadFieldIsReportedAtOnceWithTheCallersFieldNames()
    {
        var draft = Valid with
        {
            Source = "Not A Source!",
            Channel = Channels.Survey,
            Text = "",
            Stage = "purchse",
            Scores = new Scores(Nps: 11, Csat: 0),
            FieldName = f => f == "source" ? "origin.source" : f,
        };
        var fields = Violations(draft).Select(v => v.Field).Order().ToArray();
        Assert.Equal(["csat", "nps", "origin.source", "stage"], fields);
    }

    [Fact]
    public void TextLongerThanTheLimitIsRejected()
    {
        var validator = new FeedbackValidator(Options.Create(new IngestionOptions { MaxTextLength = 100 }), TimeProvider.System);
        var e = Assert.Throws<FeedbackValidationException>(() => validator.Validate(Valid with { Text = new string('a', 101) }));
        Assert.Contains("at most 100", Assert.Single(e.Violations).Description);
    }

    [Fact]
    public void FutureTimestampIsRejected() =>
        Assert.Equal("occurred_at", Assert.Single(Violations(Valid with { OccurredAt = DateTimeOffset.UtcNow.AddDays(3) })).Field);
}
