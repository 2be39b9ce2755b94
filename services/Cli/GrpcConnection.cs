using System.CommandLine;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Grpc.Net.Client;

namespace JourneyFeedback.Cli;

/// <summary>The gRPC connection every networked command uses: --server and, when auth is on, --api-key.</summary>
internal sealed class GrpcConnection : IDisposable
{
    public static readonly Option<string?> ApiKey = new("--api-key")
    {
        Description = "API key for a server with auth on (env JF_API_KEY)",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("JF_API_KEY"),
        Recursive = true,
    };

    private readonly GrpcChannel _channel;

    public GrpcConnection(ParseResult r, Option<string> server)
    {
        _channel = GrpcChannel.ForAddress(r.GetValue(server)!);
        var key = r.GetValue(ApiKey);
        Invoker = string.IsNullOrEmpty(key)
            ? _channel.CreateCallInvoker()
            : _channel.Intercept(metadata =>
            {
                metadata.Add("x-api-key", key);
                return metadata;
            });
    }

    public CallInvoker Invoker { get; }

    public void Dispose() => _channel.Dispose();
}
