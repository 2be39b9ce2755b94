using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace JourneyFeedback.Store;

public static class StoreServiceCollectionExtensions
{
    /// <summary>Registers the configured store once, however many services in the process ask for it.</summary>
    public static IHostApplicationBuilder AddFeedbackStore(this IHostApplicationBuilder builder)
    {
        if (builder.Services.Any(d => d.ServiceType == typeof(IFeedbackStore))) return builder;
        builder.Services.AddOptions<StoreOptions>()
            .BindConfiguration(StoreOptions.Section)
            .PostConfigure(o => o.RedisUrl ??= builder.Configuration["REDIS_URL"])
            .ValidateDataAnnotations()
            .Validate(o => o.Provider != "Redis" || !string.IsNullOrWhiteSpace(o.RedisUrl),
                "Store:RedisUrl (or REDIS_URL) is required when Store:Provider is Redis.")
            .ValidateOnStart();

        builder.Services.AddSingleton<IFeedbackStore>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<StoreOptions>>().Value;
            if (options.Provider != "Redis") return new InMemoryFeedbackStore();
            var redis = ConnectionMultiplexer.Connect(RedisUrl.ToConfiguration(options.RedisUrl!));
            return new RedisFeedbackStore(redis, options);
        });
        builder.Services.AddHealthChecks().AddCheck<StoreHealthCheck>("store", tags: ["ready"]);
        return builder;
    }
}

internal sealed class StoreHealthCheck(IFeedbackStore store) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default) =>
        await store.PingAsync(ct) ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("store unreachable");
}
