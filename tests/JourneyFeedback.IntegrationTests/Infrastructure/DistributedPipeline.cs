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

    public async Task InitializeAsync()
    {
        await _deps.InitializeAsync();
        string[] settings =
        [
            $"--Messaging:RabbitMqUrl={_deps.RabbitMqUrl}",
            $"--Store:RedisUrl={_deps.RedisUrl}",
            // A fresh key space per run: counts start at zero even on a reused Redis.
            KeyPrefixSetting,
            .. Credentials.PipelineSettings("survey-tool"),
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
