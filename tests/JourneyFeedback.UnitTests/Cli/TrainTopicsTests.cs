using JourneyFeedback.Ml;

namespace JourneyFeedback.UnitTests.Cli;

/// <summary>jf train topics: a customer's own taxonomy, trained from labelled examples and loaded by the analyzer.</summary>
public sealed class TrainTopicsTests : IDisposable
{
    private static readonly string Models = Path.Combine(AppContext.BaseDirectory, "models");
    private readonly string _dir = Directory.CreateTempSubdirectory("jf-topics-").FullName;

    private static readonly (string Topic, string[] Texts)[] Examples =
    [
        ("parking", [
            "No spaces left in the car park after 6pm", "Parking cost 30 euros a night, outrageous", "The garage entrance is too narrow for an SUV",
            "valet lost my car keys for an hour", "Free parking right by the door, so handy", "We had to park three streets away",
            "Car park barrier was broken, nobody came", "Loved the EV chargers in the garage", "parking ticket machine only takes coins??",
            "Plenty of parking even on a Saturday", "The underground car park smelled of petrol", "Street parking only, and it's permit-only"]),
        ("wifi", [
            "The wifi in our room kept dropping", "Internet was so slow I couldn't join a video call", "Wi-Fi password on the card didn't work",
            "Fast wireless everywhere, even by the pool", "Had to pay extra for decent internet speed", "connection died every ten minutes",
            "No signal at all on the third floor", "Streaming worked perfectly all week", "the network login page never loads",
            "Great internet, I worked remotely without issues", "Router in the corridor blinking red all night", "wifi only in the lobby, not in the rooms"]),
        ("breakfast", [
            "Breakfast buffet was cold by 9am", "Best pancakes I've had in years at breakfast", "Only stale croissants left for breakfast",
            "Loved the fresh fruit and eggs in the morning", "Breakfast ends at 9:30, far too early", "The coffee at breakfast was undrinkable",
            "Vegan options at the morning buffet were great", "Queue for the breakfast room went out the door", "no gluten-free bread at breakfast",
            "Omelette station in the morning was a treat", "They ran out of milk at breakfast twice", "breakfast included and honestly delicious"]),
    ];

    private string WriteExamples(params string[] extraLines)
    {
        var path = Path.Combine(_dir, "labelled.tsv");
        var lines = new List<string> { "text\ttopic" };
        lines.AddRange(Examples.SelectMany(e => e.Texts.Select(t => $"{t}\t{e.Topic}")));
        lines.AddRange(extraLines);
        File.WriteAllLines(path, lines);
        return path;
    }

    [Fact]
    public async Task ACustomersTaxonomyIsTrainedAndReplacesTheBundledTopics()
    {
        var examples = WriteExamples("Slow wifi and a cold breakfast buffet\twifi|breakfast", "Wifi dead and the breakfast eggs were raw\twifi|breakfast");
        var model = Path.Combine(_dir, "hotel-topics.zip");
        var (code, output, error) = await Jf.RunAsync("train", "topics", "--examples", examples, "--out", model, "--models", Models);
        Assert.True(code == 0, error);
        Assert.Contains("3 topics", output);
        Assert.Contains("micro-F1", output);
        Assert.Contains("confidences not calibrated: fewer than 100", output);

        var analyzer = FeedbackAnalyzer.Load(Models, model);
        var result = analyzer.Analyze("The garage was full so we parked on the street", "en");
        Assert.Equal("parking", result.Topics[0].Name);
        Assert.All(result.Topics, t => Assert.Contains(t.Name, new[] { "parking", "wifi", "breakfast" }));
        Assert.Equal("wifi", analyzer.Analyze("Could not get online in the room, the connection kept failing", "en").Topics[0].Name);
    }

    [Theory]
    [InlineData("Broken\twifi|breakfast|parking", "must be one topic or two different ones")]
    [InlineData("Broken\twifi|wifi", "must be one topic or two different ones")]
    [InlineData("Broken\twifi|", "must be one topic or two different ones")]
    public async Task AMalformedTopicIsRejectedWithItsLine(string line, string message)
    {
        var (code, _, error) = await Jf.RunAsync("train", "topics", "--examples", WriteExamples(line), "--out", Path.Combine(_dir, "m.zip"), "--models", Models);
        Assert.Equal(2, code);
        Assert.Contains("labelled.tsv:38", error);
        Assert.Contains(message, error);
        Assert.False(File.Exists(Path.Combine(_dir, "m.zip")));
    }

    [Fact]
    public async Task ATopicWithTooFewExamplesIsNamed()
    {
        var (code, _, error) = await Jf.RunAsync("train", "topics", "--examples", WriteExamples("Spa was closed\tspa", "Sauna too cold\tspa"),
            "--out", Path.Combine(_dir, "m.zip"), "--models", Models);
        Assert.Equal(2, code);
        Assert.Contains("too few for: spa", error);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
