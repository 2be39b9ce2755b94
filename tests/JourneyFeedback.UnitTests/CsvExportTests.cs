using JourneyFeedback.Aggregator;
using JourneyFeedback.Aggregator.Http;
using JourneyFeedback.Store;

namespace JourneyFeedback.UnitTests;

public class CsvExportTests
{
    private static PainPointView View(string text) => new(new PainPointSummary
    {
        Id = "p1", Stage = "purchase", Topic = "checkout_payment", Count = 2, SentimentSum = -1.2, StrongSignals = 0,
        FirstSeen = DateTimeOffset.UnixEpoch, LastSeen = DateTimeOffset.UnixEpoch,
        Channels = new Dictionary<string, long> { ["ticket"] = 1, ["review"] = 1 },
        Languages = new Dictionary<string, long> { ["en"] = 2 }, Segments = new Dictionary<string, long>(),
        Latest = new PainPointRecord
        {
            FeedbackId = Guid.Empty, Stage = "purchase", StageReason = "source", Topic = "checkout_payment", Sentiment = -0.6,
            SentimentLabel = "negative", Text = text, Channel = "ticket", Source = "t", Language = "en", ReceivedAt = DateTimeOffset.UnixEpoch,
        },
    }, 12.5, "rising", 2, 0, false, []);

    [Fact]
    public void TextWithCommasQuotesAndNewlinesIsQuoted()
    {
        var csv = CsvExport.Write([View("Card \"declined\", twice\nagain")]);
        var row = csv.Split("\r\n")[1];
        Assert.StartsWith("p1,purchase,checkout_payment,2,12.5,rising,-0.6,ticket:1 review:1,en:2,", row);
        Assert.EndsWith(",source,\"Card \"\"declined\"\", twice\nagain\"", csv.TrimEnd('\r', '\n'));
    }

    [Fact]
    public void AFormulaInTheTextIsDefused() =>
        Assert.Contains(",\"'=HYPERLINK(\"\"x\"\")\"", CsvExport.Write([View("=HYPERLINK(\"x\")")]));
}
