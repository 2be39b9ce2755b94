using System.ComponentModel.DataAnnotations;

namespace JourneyFeedback.Ingestion;

public sealed class IngestionOptions
{
    public const string Section = "Ingestion";

    [Range(1, 1_000_000)]
    public int MaxTextLength { get; set; } = 20_000;

    [Range(1024, 64 * 1024 * 1024)]
    public long MaxWebhookBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>Items one SubmitStream call may carry; a bulk sender opens a new stream per batch.</summary>
    [Range(1, 1_000_000)]
    public int MaxStreamItems { get; set; } = 5_000;

    /// <summary>Stage names a source may give; anything else is rejected so a typo is not filed silently.</summary>
    [MinLength(1)]
    public string[] Stages { get; set; } = ["awareness", "consideration", "purchase", "retention", "advocacy"];

    /// <summary>
    /// Accept webhooks from sources without a configured secret. Only the all-in-one local run turns this
    /// on (and says so in its log); a deployed service rejects them with 401.
    /// </summary>
    public bool AllowUnsignedWebhooks { get; set; }

    /// <summary>How old a signed webhook's timestamp may be before it is taken for a replay.</summary>
    [Range(typeof(TimeSpan), "00:00:10", "01:00:00")]
    public TimeSpan SignatureTolerance { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Per-source settings, by source name as it appears in /webhooks/{source}.</summary>
    public Dictionary<string, SourceOptions> Sources { get; set; } = new(StringComparer.Ordinal);

    public RateLimitOptions RateLimit { get; set; } = new();

    public RedactionOptions Redaction { get; set; } = new();

    public DaprOptions Dapr { get; set; } = new();
}

public sealed class SourceOptions
{
    /// <summary>Every secret that is currently valid: add the new one, switch the sender, then drop the old.</summary>
    public string[] WebhookSecrets { get; set; } = [];

    /// <summary>standard, typeform, zendesk or none; empty means the adapter's own (standard for the generic format).</summary>
    public string? SignatureScheme { get; set; }

    /// <summary>Overrides <see cref="RateLimitOptions.PermitsPerSecond"/> for this source.</summary>
    public int? PermitsPerSecond { get; set; }

    /// <summary>Overrides <see cref="RateLimitOptions.Burst"/> for this source.</summary>
    public int? Burst { get; set; }
}

public sealed class RateLimitOptions
{
    /// <summary>Sustained items per second per source, over webhooks and gRPC each; 0 turns the limit off.</summary>
    [Range(0, 1_000_000)]
    public int PermitsPerSecond { get; set; } = 1_000;

    /// <summary>How many items a source may send at once above the sustained rate.</summary>
    [Range(1, 10_000_000)]
    public int Burst { get; set; } = 5_000;
}

public sealed class RedactionOptions
{
    /// <summary>Extra patterns by placeholder name: <c>Patterns:pesel = \b\d{11}\b</c> turns matches into <c>[pesel]</c>.</summary>
    public Dictionary<string, string> Patterns { get; set; } = new(StringComparer.Ordinal);
}

public sealed class DaprOptions
{
    public string PubSubName { get; set; } = "pubsub";

    public string Topic { get; set; } = "feedback";

    /// <summary>Dapr's APP_API_TOKEN: when set, CloudEvents must carry it in the dapr-api-token header.</summary>
    public string? AppApiToken { get; set; }
}
