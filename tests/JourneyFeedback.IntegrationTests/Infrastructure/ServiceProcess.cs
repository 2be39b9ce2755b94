using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;

namespace JourneyFeedback.IntegrationTests.Infrastructure;

/// <summary>
/// One service host on its own loopback ports, started from the service's own Build(args). Its clients
/// can carry an API key and sign webhooks, as a configured sender would.
/// </summary>
public sealed class ServiceProcess : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ServiceProcess(WebApplication app, int httpPort, int grpcPort, Credentials credentials)
    {
        _app = app;
        HttpPort = httpPort;
        GrpcPort = grpcPort;
        Http = new HttpClient(credentials.Handler()) { BaseAddress = new Uri($"http://127.0.0.1:{httpPort}") };
        Grpc = GrpcChannel.ForAddress($"http://127.0.0.1:{grpcPort}", new GrpcChannelOptions { HttpHandler = credentials.Handler() });
    }

    public HttpClient Http { get; }
    public GrpcChannel Grpc { get; }
    public int HttpPort { get; }
    public int GrpcPort { get; }
    public IServiceProvider Services => _app.Services;

    public static Task<ServiceProcess> StartAsync(Func<string[], WebApplication> build, params string[] settings) =>
        StartAsync(build, Credentials.None, settings);

    public static async Task<ServiceProcess> StartAsync(Func<string[], WebApplication> build, Credentials credentials, params string[] settings)
    {
        var (http, grpc) = (Net.FreePort(), Net.FreePort());
        var args = settings.Concat([$"--Endpoints:Http=http://127.0.0.1:{http}", $"--Endpoints:Grpc=http://127.0.0.1:{grpc}",
            "--Logging:LogLevel:Default=Warning"]).ToArray();
        var app = build(args);
        await app.StartAsync();
        return new ServiceProcess(app, http, grpc, credentials);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        Grpc.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
