using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace JourneyFeedback.Ingestion.Http;

/// <summary>ASP.NET Core's rate limiter on the webhook routes, one token bucket per source: 429 with Retry-After.</summary>
public static class WebhookRateLimits
{
    public static IServiceCollection AddWebhookRateLimits(this IServiceCollection services) =>
        services.AddRateLimiter(o =>
        {
            o.AddPolicy(WebhookEndpoints.RateLimitPolicy, http =>
            {
                var source = http.Request.RouteValues["source"] as string ?? "";
                var options = http.RequestServices.GetRequiredService<IOptions<IngestionOptions>>().Value;
                return SourceBucket.Partition(source, options);
            });
            o.OnRejected = async (context, ct) =>
            {
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
                var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
                var http = context.HttpContext;
                http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                await Results.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests",
                    detail: $"Source '{http.Request.RouteValues["source"]}' is over its rate limit; retry after {seconds} s.").ExecuteAsync(http);
            };
        });
}

/// <summary>The token bucket of one source, shared in shape by webhooks and gRPC (each keeps its own buckets).</summary>
public static class SourceBucket
{
    public static RateLimitPartition<string> Partition(string source, IngestionOptions options)
    {
        var own = options.Sources.GetValueOrDefault(source);
        var perSecond = own?.PermitsPerSecond ?? options.RateLimit.PermitsPerSecond;
        var burst = own?.Burst ?? options.RateLimit.Burst;
        if (perSecond <= 0) return RateLimitPartition.GetNoLimiter(source);
        return RateLimitPartition.GetTokenBucketLimiter(source, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = Math.Max(1, burst),
            TokensPerPeriod = perSecond,
            ReplenishmentPeriod = TimeSpan.FromSeconds(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        });
    }
}
