extern alias cli;

using cli::JourneyFeedback.Cli.Import;

namespace JourneyFeedback.UnitTests.Cli;

public class ImportParsingTests
{
    private static List<List<string>> Csv(string text) => [.. CsvRecords.Read(new StringReader(text))];

    [Fact]
    public void QuotedFieldsHoldCommasQuotesAndLineBreaks()
    {
        var rows = Csv("id,comment,score\r\n1,\"Late, again\",3\r\n2,\"She said \"\"never\"\"\nand left\",\r\n");
        Assert.Equal(3, rows.Count);
        Assert.Equal(["1", "Late, again", "3"], rows[1]);
        Assert.Equal(["2", "She said \"never\"\nand left", ""], rows[2]);
    }

    [Fact]
    public void ALastRecordWithoutLineBreakAndBlankLinesAreHandled() =>
        Assert.Equal([["a", "b"], ["1", ""]], Csv("a,b\n\n1,\n"));

    [Fact]
    public void QuoteRoundTrips() =>
        Assert.Equal([["x,\"y\"", "z"]], Csv(CsvRecords.Quote("x,\"y\"") + ",z"));

    [Fact]
    public void MappedRowBecomesASurveyWithAStableExternalId()
    {
        var map = ColumnMap.Parse("text=comment,nps=score,customer_id=cust,metadata.plan=plan");
        var row = new SourceRow(7, new Dictionary<string, string> { ["comment"] = "slow", ["score"] = "4", ["cust"] = "c1", ["plan"] = "pro" });
        var (item, error) = map.ToItem(row, "export", "survey", "abc-7");
        Assert.Null(error);
        Assert.Equal(("7", "abc-7", 4, "pro"), (item!.CorrelationId, item.SurveyResponse.Origin.ExternalId, item.SurveyResponse.Nps, item.SurveyResponse.Origin.Metadata["plan"]));
    }

    [Fact]
    public void ANonNumericScoreIsAReasonNotACrash()
    {
        var (item, error) = ColumnMap.Parse("text=t,nps=n").ToItem(new SourceRow(1, new Dictionary<string, string> { ["t"] = "x", ["n"] = "ten" }), "s", "survey", "id");
        Assert.Null(item);
        Assert.Equal("nps: 'ten' is not a whole number", error);
    }

    [Theory]
    [InlineData("comment")]
    [InlineData("text=comment,colour=c")]
    [InlineData("nps=score=x,=y")]
    public void ABadMapIsRefused(string spec) => Assert.Throws<ArgumentException>(() => ColumnMap.Parse(spec));
}
