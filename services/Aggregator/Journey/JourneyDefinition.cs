using System.Text.Json;

namespace JourneyFeedback.Aggregator;

/// <summary>
/// Reads a journey definition: <c>{"stages":[{"name","touchpoints":[],"channels":[]}], "topics":{topic: stage},
/// "segments":[]}</c>. Every error names the JSON path (and the line for a syntax error), so a bad file stops
/// the service at start with something to fix.
/// </summary>
public static class JourneyDefinition
{
    public static JourneyMap LoadDefault()
    {
        using var stream = typeof(JourneyDefinition).Assembly.GetManifestResourceStream("journey.default.json")
            ?? throw new InvalidOperationException("journey.default.json is not embedded");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd(), "journey.default.json");
    }

    public static JourneyMap Load(string? path) =>
        string.IsNullOrEmpty(path) ? JourneyMap.Default
        : File.Exists(path) ? Parse(File.ReadAllText(path), path)
        : throw new JourneyDefinitionException($"Journey:DefinitionPath: file '{path}' does not exist");

    public static JourneyMap Parse(string json, string name = "journey")
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(json, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException e)
        {
            throw new JourneyDefinitionException($"{name}: line {e.LineNumber + 1}: not valid JSON ({e.Message.Split(" Path:")[0]})");
        }
        using (doc)
        {
            var root = doc.RootElement;
            Fail(root.ValueKind != JsonValueKind.Object, name, "$", "must be an object");
            Fail(!root.TryGetProperty("stages", out var stagesEl) || stagesEl.ValueKind != JsonValueKind.Array,
                name, "stages", "must be an array of stages");
            var stages = new List<string>();
            var touchpoints = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            var channels = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            var i = 0;
            foreach (var stage in stagesEl.EnumerateArray())
            {
                var at = $"stages[{i++}]";
                Fail(stage.ValueKind != JsonValueKind.Object, name, at, "must be an object with a name");
                var stageName = Text(stage, "name", name, at);
                Fail(!IsSlug(stageName), name, $"{at}.name", $"'{stageName}' must be lower-case letters, digits or '-'");
                Fail(stages.Contains(stageName), name, $"{at}.name", $"stage '{stageName}' is defined twice");
                stages.Add(stageName);
                foreach (var (key, map) in new[] { ("touchpoints", touchpoints), ("channels", channels) })
                {
                    if (!stage.TryGetProperty(key, out var list)) continue;
                    Fail(list.ValueKind != JsonValueKind.Array, name, $"{at}.{key}", "must be an array of names");
                    var j = 0;
                    foreach (var item in list.EnumerateArray())
                    {
                        var itemAt = $"{at}.{key}[{j++}]";
                        Fail(item.ValueKind != JsonValueKind.String || item.GetString() is not { Length: > 0 }, name, itemAt, "must be a non-empty string");
                        var value = item.GetString()!;
                        Fail(map.TryGetValue(value, out var other), name, itemAt, $"'{value}' already belongs to stage '{other}'");
                        map[value] = stageName;
                    }
                }
            }
            Fail(stages.Count < 2, name, "stages", "a journey needs at least two stages");

            var topics = new Dictionary<string, string>(StringComparer.Ordinal);
            if (root.TryGetProperty("topics", out var topicsEl))
            {
                Fail(topicsEl.ValueKind != JsonValueKind.Object, name, "topics", "must be an object of topic: stage");
                foreach (var topic in topicsEl.EnumerateObject())
                {
                    var stage = topic.Value.ValueKind == JsonValueKind.String ? topic.Value.GetString()! : "";
                    Fail(!stages.Contains(stage), name, $"topics.{topic.Name}", $"'{stage}' is not one of the stages ({string.Join(", ", stages)})");
                    topics[topic.Name] = stage;
                }
            }
            var segments = new List<string>();
            if (root.TryGetProperty("segments", out var segmentsEl))
            {
                Fail(segmentsEl.ValueKind != JsonValueKind.Array, name, "segments", "must be an array of names");
                segments.AddRange(segmentsEl.EnumerateArray().Select(s => s.GetString() ?? ""));
            }
            return new JourneyMap(stages, topics, touchpoints, channels, segments);
        }
    }

    private static string Text(JsonElement obj, string key, string name, string at)
    {
        Fail(!obj.TryGetProperty(key, out var value) || value.ValueKind != JsonValueKind.String || value.GetString() is not { Length: > 0 },
            name, $"{at}.{key}", "is required");
        return obj.GetProperty(key).GetString()!;
    }

    private static bool IsSlug(string s) => s.All(c => c is >= 'a' and <= 'z' or >= '0' and <= '9' or '-' or '_');

    private static void Fail(bool condition, string name, string path, string message)
    {
        if (condition) throw new JourneyDefinitionException($"{name}: {path}: {message}");
    }
}

public sealed class JourneyDefinitionException(string message) : Exception(message);
