using System.Security.Cryptography;
using System.Text;

namespace JourneyFeedback.Aggregator.Alerts;

/// <summary>Standard Webhooks signatures: v1, base64 HMAC-SHA256 over "{webhook-id}.{webhook-timestamp}.{body}".</summary>
public static class StandardWebhookSigner
{
    public static bool TryKey(string secret, out byte[] key)
    {
        key = [];
        var encoded = secret.StartsWith("whsec_", StringComparison.Ordinal) ? secret[6..] : "";
        if (encoded.Length == 0) return false;
        try { key = Convert.FromBase64String(encoded); return key.Length > 0; }
        catch (FormatException) { return false; }
    }

    public static string Sign(string secret, string id, long timestamp, string body)
    {
        if (!TryKey(secret, out var key)) throw new ArgumentException("not a whsec_ secret", nameof(secret));
        var mac = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{id}.{timestamp}.{body}"));
        return "v1," + Convert.ToBase64String(mac);
    }
}
