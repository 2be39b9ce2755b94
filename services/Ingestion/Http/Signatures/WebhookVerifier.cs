using System.Collections.Concurrent;
using JourneyFeedback.Ingestion.Http.Adapters;
using Microsoft.Extensions.Options;

namespace JourneyFeedback.Ingestion.Http.Signatures;

/// <summary>
/// Checks a webhook against its source's secrets (Ingestion:Sources:{source}) with the source's scheme,
/// or its format's own. A source without a secret is refused unless Ingestion:AllowUnsignedWebhooks is on
/// (the local all-in-one run), or its scheme is explicitly "none" (e.g. behind a gateway that verifies).
/// </summary>
public sealed class WebhookVerifier(IOptionsMonitor<IngestionOptions> options, TimeProvider clock, ILogger<WebhookVerifier> logger)
{
    private readonly ConcurrentDictionary<string, bool> _warnedUnsigned = new();

    /// <summary>Null when the request may pass; otherwise the reason for the 401.</summary>
    public string? Verify(string source, WebhookFormat format, IHeaderDictionary headers, byte[] body)
    {
        // The monitor, not a snapshot: secrets rotated in a mounted Kubernetes secret apply without a restart.
        var o = options.CurrentValue;
        var config = o.Sources.GetValueOrDefault(source);
        var scheme = (string.IsNullOrEmpty(config?.SignatureScheme) ? format.SignatureScheme : config.SignatureScheme).ToLowerInvariant();
        if (scheme == SignatureSchemes.None) return null;

        var secrets = config?.WebhookSecrets.Where(s => !string.IsNullOrEmpty(s)).ToArray() ?? [];
        if (secrets.Length == 0)
        {
            if (!o.AllowUnsignedWebhooks)
                return $"no webhook secret is configured for source '{source}' (Ingestion:Sources:{source}:WebhookSecrets)";
            if (_warnedUnsigned.TryAdd(source, true))
                logger.LogWarning("Accepting unsigned webhooks from {Source}: no secret configured and Ingestion:AllowUnsignedWebhooks is on", source);
            return null;
        }

        string? Header(string name) => headers.TryGetValue(name, out var v) ? v.ToString() : null;
        return scheme switch
        {
            SignatureSchemes.Standard => SignatureSchemes.VerifyStandard(Header, body, secrets, clock.GetUtcNow(), o.SignatureTolerance),
            SignatureSchemes.Typeform => SignatureSchemes.VerifyTypeform(Header, body, secrets),
            SignatureSchemes.Zendesk => SignatureSchemes.VerifyZendesk(Header, body, secrets, clock.GetUtcNow(), o.SignatureTolerance),
            _ => $"source '{source}' has an unknown signature scheme '{scheme}'",
        };
    }
}
