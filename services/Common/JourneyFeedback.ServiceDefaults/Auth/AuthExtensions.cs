using Grpc.AspNetCore.Server;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace JourneyFeedback.ServiceDefaults.Auth;

public static class AuthExtensions
{
    /// <summary>
    /// API-key auth for a service's gRPC and HTTP APIs. With Auth:Enabled and no key configured the process
    /// refuses to start; with it off, the log says so at start.
    /// </summary>
    public static IHostApplicationBuilder AddApiKeyAuth(this IHostApplicationBuilder builder, string grpcService, string scope)
    {
        if (!builder.Services.Any(d => d.ServiceType == typeof(ApiKeys)))
        {
            builder.Services.AddOptions<AuthOptions>()
                .BindConfiguration(AuthOptions.Section)
                .Validate(o => !o.Enabled || o.Keys.Count > 0,
                    "Auth:Enabled is true but no API key is configured: add Auth:Keys:{name}:Hash (jf keys hash <key>) with :Scopes, " +
                    "mount them with Secrets:Directory, or set Auth:Enabled=false for a local run.")
                .Validate(o => o.Keys.Values.All(k => ApiKeys.ParseHash(k.Hash) is not null),
                    "Every Auth:Keys:{name}:Hash must be a 64-digit hex SHA-256 (jf keys hash <key>).")
                .Validate(o => o.Keys.Values.All(k => ApiScopes.Parse(k.Scopes) is { Length: > 0 } s && s.All(ApiScopes.All.Contains)),
                    "Every Auth:Keys:{name}:Scopes must list ingest, read-feed and/or admin.")
                .ValidateOnStart();
            builder.Services.AddSingleton<ApiKeys>();
            builder.Services.AddSingleton<GrpcScopes>();
            builder.Services.Configure<GrpcServiceOptions>(o => o.Interceptors.Add<ApiKeyInterceptor>());
            builder.Services.AddHostedService<AuthStartupLog>();
        }
        builder.Services.AddSingleton(new GrpcScopeRequirement(grpcService, scope));
        return builder;
    }

    private sealed class AuthStartupLog(IOptions<AuthOptions> options, ILogger<AuthStartupLog> logger) : IHostedService
    {
        public Task StartAsync(CancellationToken ct)
        {
            if (!options.Value.Enabled)
                logger.LogWarning("API-key auth is OFF (Auth:Enabled=false): anyone who can reach the gRPC and HTTP ports can submit feedback and read the feed. Use this only for a local run.");
            else
                logger.LogInformation("API-key auth is on with {Count} key(s)", options.Value.Keys.Count);
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
    }
}
