using System.IO.Compression;

namespace JourneyFeedback.Ml;

/// <summary>
/// Entries of the project's own (under <c>JourneyFeedback/</c>) kept in an ML.NET model zip next to ML.NET's, so a
/// trained model and everything fitted with it stay one file.
/// </summary>
internal static class ModelZip
{
    /// <summary>Writes an entry, replacing one of the same name.</summary>
    public static void Write(string modelZip, string entryName, Action<Stream> write)
    {
        using var zip = ZipFile.Open(modelZip, ZipArchiveMode.Update);
        zip.GetEntry(entryName)?.Delete();
        using var stream = zip.CreateEntry(entryName, CompressionLevel.Optimal).Open();
        write(stream);
    }

    /// <summary>Reads an entry, or gives <paramref name="absent"/> for a zip without it.</summary>
    public static T Read<T>(string modelZip, string entryName, Func<Stream, T> read, T absent)
    {
        using var zip = ZipFile.OpenRead(modelZip);
        if (zip.GetEntry(entryName) is not { } entry) return absent;
        using var stream = entry.Open();
        return read(stream);
    }
}
