using JourneyFeedback.Aggregator;

namespace JourneyFeedback.UnitTests;

public class JourneyDefinitionTests
{
    private const string FourStages = """
        {
          "stages": [
            { "name": "awareness", "touchpoints": ["ad"] },
            { "name": "engagement", "touchpoints": ["webinar"], "channels": ["social"] },
            { "name": "conversion", "touchpoints": ["checkout"] },
            { "name": "retention" }
          ],
          "topics": { "checkout_payment": "conversion", "delivery": "conversion", "ads_discovery": "awareness" }
        }
        """;

    [Fact]
    public void TheBundledDefinitionIsTheFiveStageJourney()
    {
        Assert.Equal(["awareness", "consideration", "purchase", "retention", "advocacy"], JourneyMap.Default.Stages);
        Assert.Equal("purchase", JourneyMap.Default.TopicStages["checkout_payment"]);
        Assert.Equal("purchase", JourneyMap.Default.TouchpointStages["checkout"]);
    }

    [Fact]
    public void AFourStageJourneyLoads()
    {
        var map = JourneyDefinition.Parse(FourStages);
        Assert.Equal(["awareness", "engagement", "conversion", "retention"], map.Stages);
        Assert.Equal("engagement", map.ChannelStages["social"]);
        Assert.Equal("retention", map.FallbackStage);
    }

    [Theory]
    [InlineData("""{ "stages": [ { "name": "a" }, { "name": "a" } ] }""", "stages[1].name: stage 'a' is defined twice")]
    [InlineData("""{ "stages": [ { "name": "a" }, { "name": "b" } ], "topics": { "delivery": "shipping" } }""", "topics.delivery: 'shipping' is not one of the stages")]
    [InlineData("""{ "stages": [ { "name": "a" }, { "nme": "b" } ] }""", "stages[1].name: is required")]
    [InlineData("""{ "stages": [ { "name": "a", "touchpoints": ["x"] }, { "name": "b", "touchpoints": ["x"] } ] }""", "stages[1].touchpoints[0]: 'x' already belongs to stage 'a'")]
    [InlineData("""{ "stages": [ { "name": "only" } ] }""", "stages: a journey needs at least two stages")]
    [InlineData("{\n  \"stages\": [\n    { \"name\": \"a\" \n  ]\n}", "journey: line 4")]
    public void ABadDefinitionNamesTheKeyOrLine(string json, string expected)
    {
        var e = Assert.Throws<JourneyDefinitionException>(() => JourneyDefinition.Parse(json));
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void AMissingFileNamesTheSetting()
    {
        var e = Assert.Throws<JourneyDefinitionException>(() => JourneyDefinition.Load("/no/such/journey.json"));
        Assert.StartsWith("Journey:DefinitionPath", e.Message);
    }
}
