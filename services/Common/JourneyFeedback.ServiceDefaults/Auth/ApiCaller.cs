namespace JourneyFeedback.ServiceDefaults.Auth;

/// <summary>Who an accepted API key belongs to: its configured name, its source (if bound to one) and scopes.</summary>
public sealed record ApiCaller(string Name, string? Source, IReadOnlySet<string> Scopes)
{
    public const string ContextKey = "jf.api-caller";

    public bool Has(string scope) => Scopes.Contains(scope) || Scopes.Contains(ApiScopes.Admin);

    /// <summary>A key bound to a source may only speak for that source; admin keys may speak for any.</summary>
    public bool MaySubmitAs(string? source) =>
        string.IsNullOrEmpty(Source) || Scopes.Contains(ApiScopes.Admin) || string.Equals(source, Source, StringComparison.Ordinal);
}
