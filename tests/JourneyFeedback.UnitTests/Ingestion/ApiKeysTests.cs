using JourneyFeedback.ServiceDefaults.Auth;
using Microsoft.Extensions.Options;

namespace JourneyFeedback.UnitTests.Ingestion;

public class ApiKeysTests
{
    private sealed class Monitor(AuthOptions value) : IOptionsMonitor<AuthOptions>
    {
        public AuthOptions CurrentValue => value;
        public AuthOptions Get(string? name) => value;
        public IDisposable? OnChange(Action<AuthOptions, string?> listener) => null;
    }

    private static readonly ApiKeys Keys = new(new Monitor(new AuthOptions
    {
        Keys =
        {
            ["zendesk"] = new ApiKeyOptions { Hash = ApiKeys.Hash("key-zendesk"), Source = "zendesk", Scopes = "ingest" },
            ["ops"] = new ApiKeyOptions { Hash = "sha256:" + ApiKeys.Hash("key-ops"), Scopes = "admin" },
            ["cx"] = new ApiKeyOptions { Hash = ApiKeys.Hash("key-cx"), Scopes = "read-feed" },
        },
    }));

    [Fact]
    public void AKeyIsFoundByItsHashWithItsSourceAndScopes()
    {
        var caller = Keys.Authenticate("key-zendesk")!;
        Assert.Equal(("zendesk", "zendesk"), (caller.Name, caller.Source));
        Assert.True(caller.Has(ApiScopes.Ingest));
        Assert.False(caller.Has(ApiScopes.ReadFeed));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("key-zendesk ")]
    [InlineData("KEY-ZENDESK")]
    public void AnUnknownKeyIsNobody(string? key) => Assert.Null(Keys.Authenticate(key));

    [Fact]
    public void AdminHasEveryScopeAndMaySubmitAsAnySource()
    {
        var ops = Keys.Authenticate("key-ops")!;
        Assert.True(ops.Has(ApiScopes.Ingest) && ops.Has(ApiScopes.ReadFeed));
        Assert.True(ops.MaySubmitAs("anything"));
    }

    [Fact]
    public void ASourceBoundKeyMaySubmitOnlyAsItsSource()
    {
        var zendesk = Keys.Authenticate("key-zendesk")!;
        Assert.True(zendesk.MaySubmitAs("zendesk"));
        Assert.False(zendesk.MaySubmitAs("typeform"));
    }

    [Fact]
    public void TheKeyIsReadFromXApiKeyOrABearerToken()
    {
        Assert.Equal("k1", ApiKeys.FromHeaders(h => h == "x-api-key" ? "k1" : null));
        Assert.Equal("k2", ApiKeys.FromHeaders(h => h == "authorization" ? "Bearer k2" : null));
        Assert.Null(ApiKeys.FromHeaders(h => h == "authorization" ? "Basic xyz" : null));
    }

    [Fact]
    public void TheHashIsTheLowercaseHexSha256() =>
        Assert.Equal("2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824", ApiKeys.Hash("hello"));
}
