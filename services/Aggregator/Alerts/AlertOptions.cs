using System.ComponentModel.DataAnnotations;

namespace JourneyFeedback.Aggregator.Alerts;

/// <summary>Alerts: where spike alerts go, and how long one pain point stays quiet after an alert.</summary>
public sealed class AlertOptions : IValidatableObject
{
    public const string Section = "Alerts";

    public TimeSpan Cooldown { get; set; } = TimeSpan.FromHours(6);

    public List<WebhookTarget> Webhooks { get; set; } = [];

    [Range(1, 10)]
    public int MaxAttempts { get; set; } = 5;

    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    public IEnumerable<ValidationResult> Validate(ValidationContext context)
    {
        if (Cooldown <= TimeSpan.Zero) yield return new("must be positive", [$"{Section}:Cooldown"]);
        for (var i = 0; i < Webhooks.Count; i++)
        {
            if (!Uri.TryCreate(Webhooks[i].Url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
                yield return new("must be an absolute http(s) URL", [$"{Section}:Webhooks:{i}:Url"]);
            if (!StandardWebhookSigner.TryKey(Webhooks[i].Secret, out _))
                yield return new("must be whsec_ followed by base64", [$"{Section}:Webhooks:{i}:Secret"]);
        }
    }
}

public sealed class WebhookTarget
{
    public string Url { get; set; } = "";
    public string Secret { get; set; } = "";
}
