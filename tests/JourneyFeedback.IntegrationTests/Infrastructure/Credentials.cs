using System.Security.Cryptography;
using System.Text;
using JourneyFeedback.Ingestion.Http.Signatures;
using JourneyFeedback.ServiceDefaults.Auth;

namespace JourneyFeedback.IntegrationTests.Infrastructure;

/// <summary>
/// What a test client presents: an API key on every request, and a Standard Webhooks signature on every
/// webhook that does not already carry one.
/// </summary>
public sealed record Credentials(string? ApiKey, string? WebhookSecret)
{
    public static readonly Credentials None = new(null, null);

    /// <summary>The key and secret the shared pipeline is configured with (an admin key: it may do everything).</summary>
    public static readonly Credentials Pipeline = new("jf-test-admin-" + Guid.NewGuid().ToString("N"),
        "whsec_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));

    /// <summary>An ingest-only key bound to the source "acme".</summary>
    public static readonly Credentials AcmeIngest = new("jf-test-acme-" + Guid.NewGuid().ToString("N"), null);

    /// <summary>A key that may only read the feed.</summary>
    public static readonly Credentials FeedReader = new("jf-test-reader-" + Guid.NewGuid().ToString("N"), null);

    /// <summary>Settings that make a service accept these keys, and <see cref="Pipeline"/>'s secret for the sources named.</summary>
    public static string[] PipelineSettings(params string[] webhookSources) =>
    [
        $"--Auth:Keys:tests:Hash={ApiKeys.Hash(Pipeline.ApiKey!)}",
        "--Auth:Keys:tests:Scopes=admin",
        $"--Auth:Keys:acme:Hash={ApiKeys.Hash(AcmeIngest.ApiKey!)}",
        "--Auth:Keys:acme:Scopes=ingest",
        "--Auth:Keys:acme:Source=acme",
        $"--Auth:Keys:reader:Hash={ApiKeys.Hash(FeedReader.ApiKey!)}",
        "--Auth:Keys:reader:Scopes=read-feed",
        .. webhookSources.Select(s => $"--Ingestion:Sources:{s}:WebhookSecrets:0={Pipeline.WebhookSecret}"),
    ];

    public HttpMessageHandler Handler() => new Presenting(this) { InnerHandler = new SocketsHttpHandler() };

    private sealed class Presenting(Credentials credentials) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
        {
            if (credentials.ApiKey is { } key && !request.Headers.Contains("x-api-key") && request.Headers.Authorization is null)
                request.Headers.Add("x-api-key", key);
            if (credentials.WebhookSecret is { } secret && request.Content is not null
                && request.RequestUri?.AbsolutePath.StartsWith("/webhooks/", StringComparison.Ordinal) == true
                && !request.Headers.Contains("webhook-signature"))
            {
                var body = await request.Content.ReadAsByteArrayAsync(ct);
                var id = "msg_" + Guid.NewGuid().ToString("N");
                var now = DateTimeOffset.UtcNow;
                request.Headers.Add("webhook-id", id);
                request.Headers.Add("webhook-timestamp", now.ToUnixTimeSeconds().ToString());
                request.Headers.Add("webhook-signature", SignatureSchemes.SignStandard(secret, id, now, body));
            }
            return await base.SendAsync(request, ct);
        }
    }
}
