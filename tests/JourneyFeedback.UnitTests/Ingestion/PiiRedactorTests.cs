using JourneyFeedback.Contracts;
using JourneyFeedback.Ingestion;
using JourneyFeedback.Ingestion.Redaction;
using Microsoft.Extensions.Options;

namespace JourneyFeedback.UnitTests.Ingestion;

public class PiiRedactorTests
{
    private static PiiRedactor Redactor(Dictionary<string, string>? patterns = null) =>
        new(Options.Create(new IngestionOptions { Redaction = new RedactionOptions { Patterns = patterns ?? [] } }));

    private readonly PiiRedactor _redactor = Redactor();

    [Theory]
    [InlineData("write to jane.doe+orders@example.co.uk please", "write to [email] please")]
    [InlineData("J.Kowalski@poczta.onet.pl nie odpisuje", "[email] nie odpisuje")]
    public void EmailsBecomeTheEmailPlaceholder(string text, string expected) =>
        Assert.Equal(expected, _redactor.Redact(text));

    [Theory]
    [InlineData("call me on +48 601 234 567 tomorrow", "call me on [phone] tomorrow")]
    [InlineData("UK: +44 20 7946 0958.", "UK: [phone].")]
    [InlineData("US +1 (555) 123-4567 or (555) 987-6543", "US [phone] or [phone]")]
    [InlineData("volejte 00420 777 123 456", "volejte [phone]")]
    [InlineData("skambinkite +370 612 34567", "skambinkite [phone]")]
    [InlineData("tel. +49-30-1234567", "tel. [phone]")]
    public void InternationalPhoneNumbersBecomeThePhonePlaceholder(string text, string expected) =>
        Assert.Equal(expected, _redactor.Redact(text));

    [Theory]
    [InlineData("card 4111 1111 1111 1111 was charged twice", "card [card] was charged twice")]
    [InlineData("mastercard 5555-5555-5555-4444", "mastercard [card]")]
    [InlineData("amex 3782 822463 10005 declined", "amex [card] declined")]
    [InlineData("paid with 4012888888881881", "paid with [card]")]
    public void LuhnValidCardNumbersBecomeTheCardPlaceholder(string text, string expected) =>
        Assert.Equal(expected, _redactor.Redact(text));

    [Theory]
    [InlineData("order 4111 1111 1111 1112 is late")]
    [InlineData("tracking 1234567890123 stuck")]
    [InlineData("I waited 3 weeks, order 55 of 2024-11-20, ticket #88123")]
    public void DigitRunsThatFailTheChecksAreKept(string text) =>
        Assert.Equal(text, _redactor.Redact(text));

    [Theory]
    [InlineData("refund to DE89 3704 0044 0532 0130 00 AND soon", "refund to [iban] AND soon")]
    [InlineData("GB82WEST12345698765432", "[iban]")]
    [InlineData("konto PL61 1090 1014 0000 0712 1981 2874, dzięki", "konto [iban], dzięki")]
    [InlineData("sąskaita LT12 1000 0111 0100 1000", "sąskaita [iban]")]
    public void IbansWithAValidCheckBecomeTheIbanPlaceholder(string text, string expected) =>
        Assert.Equal(expected, _redactor.Redact(text));

    [Fact]
    public void AnIbanWithABrokenCheckIsKept() =>
        Assert.Equal("DE89 3704 0044 0532 0130 07", _redactor.Redact("DE89 3704 0044 0532 0130 07"));

    [Fact]
    public void ConfiguredPatternsUseTheirNameAsPlaceholder()
    {
        var redactor = Redactor(new() { ["pesel"] = @"\b\d{11}\b", ["order"] = "ORD-[0-9]{6}" });
        Assert.Equal("PESEL [pesel], zamówienie [order]", redactor.Redact("PESEL 44051401359, zamówienie ORD-123456"));
    }

    [Fact]
    public void TextSubjectAndMetadataValuesAreRedactedButTheCustomerIdIsKept()
    {
        var item = new FeedbackItem
        {
            FeedbackId = Guid.NewGuid(),
            Source = "zendesk",
            Channel = Channels.Ticket,
            Text = "reach me at ann@example.com",
            Subject = "Card 4111111111111111 charged",
            CustomerId = "cust-881",
            Metadata = new Dictionary<string, string> { ["requester_email"] = "ann@example.com", ["plan"] = "pro" },
            ReceivedAt = DateTimeOffset.UtcNow,
        };
        var redacted = _redactor.Redact(item);
        Assert.Equal("reach me at [email]", redacted.Text);
        Assert.Equal("Card [card] charged", redacted.Subject);
        Assert.Equal("[email]", redacted.Metadata["requester_email"]);
        Assert.Equal("pro", redacted.Metadata["plan"]);
        Assert.Equal("cust-881", redacted.CustomerId);
    }
}
