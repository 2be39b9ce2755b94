using System.Threading.RateLimiting;
using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;
using JourneyFeedback.Ingestion.Http;
using Microsoft.Extensions.Options;

namespace JourneyFeedback.Ingestion.Grpc;

/// <summary>
/// Per-source rate limits on the gRPC API. The source is inside the message, past where ASP.NET's
/// middleware runs, so the same token buckets are taken here, per item; over the limit is ResourceExhausted
/// with google.rpc.RetryInfo and a retry-after trailer.
/// </summary>
public sealed class GrpcSourceLimits(IOptions<IngestionOptions> options) : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter =
        PartitionedRateLimiter.Create<string, string>(source => SourceBucket.Partition(source, options.Value));

    public void Take(string? source, ServerCallContext context)
    {
        using var lease = _limiter.AttemptAcquire(source ?? "");
        if (lease.IsAcquired) return;
        var wait = lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromSeconds(1);
        throw Exhausted($"Source '{source}' is over its rate limit; retry after {wait.TotalSeconds:0.###} s.", wait, context);
    }

    public static RpcException Exhausted(string message, TimeSpan retryAfter, ServerCallContext context)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        context.ResponseTrailers.Add("retry-after", seconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return new Google.Rpc.Status
        {
            Code = (int)Code.ResourceExhausted,
            Message = message,
            Details = { Any.Pack(new RetryInfo { RetryDelay = Duration.FromTimeSpan(retryAfter) }) },
        }.ToRpcException();
    }

    public void Dispose() => _limiter.Dispose();
}
