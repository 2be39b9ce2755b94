namespace JourneyFeedback.FaultTests.Infrastructure;

/// <summary>
/// Ingestion, Analysis and Aggregator as three OS processes on a RabbitMQ and Redis of their own. API keys are
/// off and webhooks unsigned here: these tests are about delivery, and the security tests cover auth.
/// </summary>
public sealed class Pipeline : IAsyncDisposable
{
    public const string PoisonMarker = "[[poison-for-fault-tests]]";

    private Pipeline(Deps deps, ServiceHost ingestion, ServiceHost analysis, ServiceHost aggregator) =>
        (Deps, Ingestion, Analysis, Aggregator) = (deps, ingestion, analysis, aggregator);

    public Deps Deps { get; }
    public ServiceHost Ingestion { get; }
    public ServiceHost Analysis { get; }
    public ServiceHost Aggregator { get; }
    public IEnumerable<ServiceHost> Services => [Ingestion, Analysis, Aggregator];

    public static async Task<Pipeline> StartAsync()
    {
        var deps = await Deps.StartAsync();
        var environment = new Dictionary<string, string> { ["RABBITMQ_URL"] = deps.RabbitMqUrl, ["REDIS_URL"] = deps.RedisUrl };
        string[] settings =
        [
            "--Auth:Enabled=false",
            "--Ingestion:AllowUnsignedWebhooks=true",
            "--Ingestion:RateLimit:PermitsPerSecond=0",
            // Fewer, quicker retries than production: the poison message reaches its _error queue in seconds.
            "--Messaging:RetryLimit=2",
            "--Messaging:PublishTimeout=00:00:05",
            $"--Analysis:PoisonMarker={PoisonMarker}",
            "--Logging:LogLevel:Default=Warning",
            "--Logging:LogLevel:Microsoft.Hosting.Lifetime=Information",
        ];
        var pipeline = new Pipeline(deps,
            new ServiceHost("Ingestion", settings, environment),
            new ServiceHost("Analysis", settings, environment),
            new ServiceHost("Aggregator", settings, environment));
        // Consumers first, so their queues exist before the first message is published.
        await pipeline.Aggregator.StartAsync();
        await pipeline.Analysis.StartAsync();
        await pipeline.Ingestion.StartAsync();
        foreach (var service in pipeline.Services)
            await Net.Eventually(async () => await service.IsOkAsync("/health") ? "ready" : null,
                $"{service.Service} to be ready (log: {service.LogPath})", TimeSpan.FromSeconds(60));
        return pipeline;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var service in Services) await service.DisposeAsync();
        await Deps.DisposeAsync();
    }
}
