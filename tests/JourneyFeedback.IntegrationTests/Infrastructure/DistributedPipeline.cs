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
            $"--Store:KeyPrefix=e2e{Guid.NewGuid():N}"[..30] + ":",
        ];
        Aggregator = await ServiceProcess.StartAsync(AggregatorService.Build, settings);
        Analysis = await ServiceProcess.StartAsync(AnalysisService.Build, settings);
        Ingestion = await ServiceProcess.StartAsync(IngestionService.Build, settings);
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
