using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace JourneyFeedback.Ingestion.Http.Signatures;

/// <summary>
/// The webhook signature schemes Ingestion verifies. Each returns null when one of the active secrets
/// signed exactly this body, else the reason it did not. Every comparison is constant-time.
/// </summary>
public static class SignatureSchemes
{
    public const string Standard = "standard";
    public const string Typeform = "typeform";
    public const string Zendesk = "zendesk";
    public const string None = "none";

    public static readonly IReadOnlyList<string> All = [Standard, Typeform, Zendesk, None];

    /// <summary>
    /// Standard Webhooks (standardwebhooks.com): <c>webhook-signature: v1,base64(HMAC-SHA256(key, id.timestamp.body))</c>,
    /// possibly several space-separated; the key is the base64 after <c>whsec_</c>, else the secret's UTF-8 bytes.
    /// </summary>
    public static string? VerifyStandard(Func<string, string?> header, byte[] body, IReadOnlyList<string> secrets, DateTimeOffset now, TimeSpan tolerance)
    {
        var (id, timestamp, signatures) = (header("webhook-id"), header("webhook-timestamp"), header("webhook-signature"));
        if (string.IsNullOrEmpty(id) || string.IsNullOrEmpty(timestamp) || string.IsNullOrEmpty(signatures))
            return "the webhook-id, webhook-timestamp and webhook-signature headers are required";
        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || seconds > DateTimeOffset.MaxValue.ToUnixTimeSeconds())
            return "webhook-timestamp must be Unix seconds";
        if (Stale(DateTimeOffset.FromUnixTimeSeconds(seconds), now, tolerance) is { } stale) return stale;

        var signed = Concat(Encoding.UTF8.GetBytes($"{id}.{timestamp}."), body);
        var offered = signatures.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Where(s => s.StartsWith("v1,", StringComparison.Ordinal))
            .Select(s => Base64(s[3..]))
            .Where(s => s is not null)
            .ToList();
        return AnyMatches(offered!, secrets.Select(s => HMACSHA256.HashData(StandardKey(s), signed))) ? null : NoMatch;
    }

    /// <summary>Typeform: <c>Typeform-Signature: sha256=base64(HMAC-SHA256(secret, body))</c>. Typeform sends no timestamp.</summary>
    public static string? VerifyTypeform(Func<string, string?> header, byte[] body, IReadOnlyList<string> secrets)
    {
        var signature = header("Typeform-Signature");
        if (string.IsNullOrEmpty(signature)) return "the Typeform-Signature header is required";
        if (!signature.StartsWith("sha256=", StringComparison.Ordinal) || Base64(signature[7..]) is not { } offered)
            return "Typeform-Signature must be sha256=<base64>";
        return AnyMatches([offered], secrets.Select(s => HMACSHA256.HashData(Encoding.UTF8.GetBytes(s), body))) ? null : NoMatch;
    }

    /// <summary>Zendesk: <c>X-Zendesk-Webhook-Signature: base64(HMAC-SHA256(secret, timestamp + body))</c> with the timestamp header.</summary>
    public static string? VerifyZendesk(Func<string, string?> header, byte[] body, IReadOnlyList<string> secrets, DateTimeOffset now, TimeSpan tolerance)
    {
        var (signature, timestamp) = (header("X-Zendesk-Webhook-Signature"), header("X-Zendesk-Webhook-Signature-Timestamp"));
        if (string.IsNullOrEmpty(signature) || string.IsNullOrEmpty(timestamp))
            return "the X-Zendesk-Webhook-Signature and X-Zendesk-Webhook-Signature-Timestamp headers are required";
        if (!DateTimeOffset.TryParse(timestamp, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
            return "X-Zendesk-Webhook-Signature-Timestamp must be an ISO-8601 timestamp";
        if (Stale(at, now, tolerance) is { } stale) return stale;
        if (Base64(signature) is not { } offered) return "X-Zendesk-Webhook-Signature must be base64";
        var signed = Concat(Encoding.UTF8.GetBytes(timestamp), body);
        return AnyMatches([offered], secrets.Select(s => HMACSHA256.HashData(Encoding.UTF8.GetBytes(s), signed))) ? null : NoMatch;
    }

    public static string SignStandard(string secret, string id, DateTimeOffset at, byte[] body) =>
        "v1," + Convert.ToBase64String(HMACSHA256.HashData(StandardKey(secret),
            Concat(Encoding.UTF8.GetBytes($"{id}.{at.ToUnixTimeSeconds()}."), body)));

    public static string SignTypeform(string secret, byte[] body) =>
        "sha256=" + Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));

    public static string SignZendesk(string secret, string timestamp, byte[] body) =>
        Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Concat(Encoding.UTF8.GetBytes(timestamp), body)));

    private const string NoMatch = "the signature does not match the body with any configured secret";

    private static string? Stale(DateTimeOffset at, DateTimeOffset now, TimeSpan tolerance) =>
        (now - at).Duration() > tolerance ? $"the signature timestamp is more than {tolerance.TotalMinutes:0.#} minutes from the server's clock" : null;

    // Every secret is tried against every offered signature, whatever matched earlier, so the time taken
    // says nothing about which secret or signature was close.
    private static bool AnyMatches(IReadOnlyList<byte[]> offered, IEnumerable<byte[]> expected)
    {
        var match = false;
        foreach (var e in expected)
            foreach (var o in offered)
                match |= CryptographicOperations.FixedTimeEquals(e, o);
        return match;
    }

    private static byte[] StandardKey(string secret) =>
        secret.StartsWith("whsec_", StringComparison.Ordinal) && Base64(secret[6..]) is { } key ? key : Encoding.UTF8.GetBytes(secret);

    private static byte[]? Base64(string s)
    {
        var buffer = new byte[(s.Length * 3 + 3) / 4];
        return Convert.TryFromBase64String(s.Trim(), buffer, out var n) ? buffer[..n] : null;
    }

    private static byte[] Concat(byte[] a, byte[] b)
    {
        var result = new byte[a.Length + b.Length];
        a.CopyTo(result, 0);
        b.CopyTo(result, a.Length);
        return result;
    }
}
