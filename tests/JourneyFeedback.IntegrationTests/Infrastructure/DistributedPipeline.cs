using JourneyFeedback.Aggregator;
using JourneyFeedback.Analysis;
using JourneyFeedback.Ingestion;

namespace JourneyFeedback.IntegrationTests.Infrastructure;

/// <summary>
/// Ingestion, Analysis and Aggregator as three separate hosts, each built by its own service entry point,
/// talking only through the real RabbitMQ and Redis.
/// </summary>
public sealed class DistributedPipeline : IAsyncLifetime
{
    private readonly Deps _deps = new();

    public Deps Deps => _deps;

    /// <summary>Every Redis key of this pipeline starts with it.</summary>
    public string KeyPrefix { get; } = $"e2e{Guid.NewGuid():N}"[..27] + ":";

    private string KeyPrefixSetting => $"--Store:KeyPrefix={KeyPrefix}";

    public ServiceProcess Ingestion { get; private set; } = null!;
    public ServiceProcess Analysis { get; private set; } = null!;
    public ServiceProcess Aggregator { get; private set; } = null!;

    public const string TypeformSecret = "tf-test-secret";
    public const string ZendeskSecret = "zd-test-secret";
    public const int MaxStreamItems = 50;

    /// <summary>Sources the security and limit tests use: each format's own scheme, a slow one, a fuzzed one.</summary>
    private static readonly string[] TestSources =
    [
        $"--Ingestion:Sources:tf-acme:WebhookSecrets:0={TypeformSecret}",
        $"--Ingestion:Sources:zd-acme:WebhookSecrets:0=old-{ZendeskSecret}",
        $"--Ingestion:Sources:zd-acme:WebhookSecrets:1={ZendeskSecret}",
        "--Ingestion:Sources:fuzz:SignatureScheme=standard",
        "--Ingestion:Sources:fuzz:PermitsPerSecond=1000000",
        "--Ingestion:Sources:fuzz:Burst=1000000",
        "--Ingestion:Sources:slow:SignatureScheme=none",
        "--Ingestion:Sources:slow:PermitsPerSecond=1",
        "--Ingestion:Sources:slow:Burst=2",
        $"--Ingestion:MaxStreamItems={MaxStreamItems}",
    ];

    /// <summary>Settings another Ingestion host needs to join this pipeline's broker, store and keys.</summary>
    public string[] IngestionSettings(string? keyPrefix = null) =>
    [
        $"--Messaging:RabbitMqUrl={_deps.RabbitMqUrl}",
        $"--Store:RedisUrl={_deps.RedisUrl}",
        $"--Store:KeyPrefix={keyPrefix ?? KeyPrefix}",
        .. Credentials.PipelineSettings("survey-tool"),
    ];

    public async Task InitializeAsync()
    {
        await _deps.InitializeAsync();
        string[] settings =
        [
            $"--Messaging:RabbitMqUrl={_deps.RabbitMqUrl}",
            $"--Store:RedisUrl={_deps.RedisUrl}",
            // A fresh key space per run: counts start at zero even on a reused Redis.
            KeyPrefixSetting,
            .. Credentials.PipelineSettings("survey-tool", "fuzz", "tp-acme"),
            .. TestSources,
        ];
        Aggregator = await ServiceProcess.StartAsync(AggregatorService.Build, Credentials.Pipeline, settings);
        Analysis = await ServiceProcess.StartAsync(AnalysisService.Build, settings);
        Ingestion = await ServiceProcess.StartAsync(IngestionService.Build, Credentials.Pipeline, settings);
    }

    public async Task DisposeAsync()
    {
        await Ingestion.DisposeAsync();
        await Analysis.DisposeAsync();
        await Aggregator.DisposeAsync();
        await _deps.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class DistributedPipelineCollection : ICollectionFixture<DistributedPipeline>
{
    public const string Name = "three services over real RabbitMQ and Redis";
}
