namespace JourneyFeedback.ServiceDefaults.Auth;

/// <summary>
/// API keys, stored only as SHA-256 hashes (<c>jf keys hash</c>): <c>Auth:Keys:{name}:Hash</c>, <c>:Source</c>,
/// <c>:Scopes</c>. On by default; only the all-in-one local run turns it off.
/// </summary>
public sealed class AuthOptions
{
    public const string Section = "Auth";

    public bool Enabled { get; set; } = true;

    public Dictionary<string, ApiKeyOptions> Keys { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}

public sealed class ApiKeyOptions
{
    /// <summary>Lowercase hex SHA-256 of the key, optionally prefixed "sha256:".</summary>
    public string? Hash { get; set; }

    /// <summary>The only source this key may submit as; empty for a key that is not tied to one source.</summary>
    public string? Source { get; set; }

    /// <summary>ingest, read-feed and/or admin, separated by commas or spaces; admin includes the others.</summary>
    public string Scopes { get; set; } = ApiScopes.Ingest;
}

public static class ApiScopes
{
    public const string Ingest = "ingest";
    public const string ReadFeed = "read-feed";
    public const string Admin = "admin";

    public static readonly IReadOnlyList<string> All = [Ingest, ReadFeed, Admin];

    public static string[] Parse(string? scopes) =>
        (scopes ?? "").Split([',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
