using System.Text.Json;

namespace JourneyFeedback.Cli.Import;

/// <summary>
/// How far an import got: the last row whose result the server sent, and the counts so far. Written after
/// every batch (and when interrupted) by replacing the file, so a crash leaves the previous state.
/// </summary>
internal sealed record Checkpoint(string FileHash, long LastRow, long Accepted, long Duplicate, long Rejected)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static Checkpoint? Load(string path) =>
        File.Exists(path) ? JsonSerializer.Deserialize<Checkpoint>(File.ReadAllText(path), Json) : null;

    public void Save(string path)
    {
        var temp = path + ".tmp";
        File.WriteAllText(temp, JsonSerializer.Serialize(this, Json));
        File.Move(temp, path, overwrite: true);
    }
}
