using System.ComponentModel.DataAnnotations;

namespace JourneyFeedback.Ingestion;

public sealed class IngestionOptions
{
    public const string Section = "Ingestion";

    [Range(1, 1_000_000)]
    public int MaxTextLength { get; set; } = 20_000;

    [Range(1024, 64 * 1024 * 1024)]
    public long MaxWebhookBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>Stage names a source may give; anything else is rejected so a typo is not filed silently.</summary>
    [MinLength(1)]
    public string[] Stages { get; set; } = ["awareness", "consideration", "purchase", "retention", "advocacy"];
}
