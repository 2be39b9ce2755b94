using System.ComponentModel.DataAnnotations;

namespace JourneyFeedback.Store;

public sealed class StoreOptions
{
    public const string Section = "Store";

    /// <summary>"InMemory" (one process, nothing persisted) or "Redis".</summary>
    [Required, RegularExpression("^(InMemory|Redis)$", ErrorMessage = "Store:Provider must be InMemory or Redis.")]
    public string Provider { get; set; } = "InMemory";

    /// <summary>A redis:// URL or a StackExchange.Redis configuration string. Falls back to REDIS_URL.</summary>
    public string? RedisUrl { get; set; }

    [Required, RegularExpression("^[A-Za-z0-9:_{}.-]{1,32}$")]
    public string KeyPrefix { get; set; } = "jf:";

    /// <summary>How long dedupe keys are kept: a retry after this is taken for new feedback.</summary>
    [Range(1, 3650)]
    public int RetentionDays { get; set; } = 30;
}
