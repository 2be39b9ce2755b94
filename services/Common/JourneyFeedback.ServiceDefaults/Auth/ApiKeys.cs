using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace JourneyFeedback.ServiceDefaults.Auth;

/// <summary>Looks a presented key up by its SHA-256 hash, comparing against every configured hash in constant time.</summary>
public sealed class ApiKeys(IOptionsMonitor<AuthOptions> options)
{
    public bool Enabled => options.CurrentValue.Enabled;

    public ApiCaller? Authenticate(string? key)
    {
        if (string.IsNullOrEmpty(key)) return null;
        var presented = SHA256.HashData(Encoding.UTF8.GetBytes(key));
        ApiCaller? found = null;
        foreach (var (name, k) in options.CurrentValue.Keys)
        {
            if (ParseHash(k.Hash) is not { } hash) continue;
            if (CryptographicOperations.FixedTimeEquals(presented, hash) && found is null)
                found = new ApiCaller(name, string.IsNullOrWhiteSpace(k.Source) ? null : k.Source.Trim(), ApiScopes.Parse(k.Scopes).ToHashSet());
        }
        return found;
    }

    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    public static byte[]? ParseHash(string? hash)
    {
        var hex = hash?.Trim();
        if (hex is null) return null;
        if (hex.StartsWith("sha256:", StringComparison.OrdinalIgnoreCase)) hex = hex[7..];
        if (hex.Length != 64) return null;
        try { return Convert.FromHexString(hex); }
        catch (FormatException) { return null; }
    }

    /// <summary>The key from <c>x-api-key</c> or <c>Authorization: Bearer</c>.</summary>
    public static string? FromHeaders(Func<string, string?> header)
    {
        if (header("x-api-key") is { Length: > 0 } key) return key.Trim();
        var authorization = header("authorization");
        return authorization is not null && authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            ? authorization[7..].Trim()
            : null;
    }
}
