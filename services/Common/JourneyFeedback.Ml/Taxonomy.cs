using System.Text.Json;
using System.Text.Json.Serialization;

namespace JourneyFeedback.Ml;

/// <summary>One topic of the default taxonomy: its id (as the models and the feed use it), a display name, what it covers and the journey stage it usually belongs to.</summary>
public sealed record TopicDefinition(string Id, string Name, string Description, string? Stage);

/// <summary>
/// The default topics, journey stages, sentiments and emotions the bundled models are trained on, read from
/// data/taxonomy.json (compiled into this assembly). Corpus rows are checked against it.
/// </summary>
public static class Taxonomy
{
    public const string GeneralTopic = "general";

    private static readonly Definition Data = Read();

    public static IReadOnlyList<TopicDefinition> TopicDefinitions => Data.Topics;

    public static IReadOnlyList<string> Topics { get; } = [.. Data.Topics.Select(t => t.Id)];

    public static IReadOnlyList<string> Stages => Data.Stages;

    public static IReadOnlyList<string> Sentiments => Data.Sentiments;

    public static IReadOnlyList<string> Emotions => Data.Emotions;

    private static Definition Read()
    {
        using var stream = typeof(Taxonomy).Assembly.GetManifestResourceStream("JourneyFeedback.Ml.taxonomy.json")
            ?? throw new InvalidOperationException("taxonomy.json is not embedded in JourneyFeedback.Ml");
        var data = JsonSerializer.Deserialize<Definition>(stream, new JsonSerializerOptions(JsonSerializerDefaults.Web))
            ?? throw new InvalidDataException("taxonomy.json is empty");
        if (data.Topics.All(t => t.Id != GeneralTopic)) throw new InvalidDataException($"taxonomy.json must define the topic '{GeneralTopic}'");
        return data;
    }

    private sealed record Definition(
        [property: JsonRequired] List<TopicDefinition> Topics,
        [property: JsonRequired] List<string> Stages,
        [property: JsonRequired] List<string> Sentiments,
        [property: JsonRequired] List<string> Emotions);
}
