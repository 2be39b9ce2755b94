using JourneyFeedback.Analysis.Consumers;
using JourneyFeedback.Ml;
using JourneyFeedback.ServiceDefaults;
using MassTransit;
using Microsoft.Extensions.Options;

namespace JourneyFeedback.Analysis;

public static class AnalysisService
{
    /// <summary>The Analysis service on its own: consumes FeedbackReceived from RabbitMQ.</summary>
    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.AddServiceDefaults("analysis", ServicePorts.Analysis, distributed: true);
        builder.AddAnalysis();
        builder.AddMessaging(x => x.AddAnalysisConsumers());
        var app = builder.Build();
        app.MapDefaultEndpoints();
        return app;
    }

    public static WebApplicationBuilder AddAnalysis(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<AnalysisOptions>()
            .BindConfiguration(AnalysisOptions.Section)
            .ValidateDataAnnotations()
            .Validate(o => File.Exists(Path.Combine(o.ModelDirectory, "sentiment.zip")),
                "Analysis:ModelDirectory must hold the trained models (run `make train`).")
            .Validate(o => o.TopicModelPath is null || File.Exists(o.TopicModelPath),
                "Analysis:TopicModelPath must name an existing topic model (.zip).")
            .ValidateOnStart();
        builder.Services.AddSingleton(sp =>
        {
            var o = sp.GetRequiredService<IOptions<AnalysisOptions>>().Value;
            return FeedbackAnalyzer.Load(o.ModelDirectory, o.TopicModelPath);
        });
        builder.Services.AddHostedService<ModelWarmup>();
        return builder;
    }

    public static void AddAnalysisConsumers(this IBusRegistrationConfigurator x) =>
        x.AddConsumer<FeedbackReceivedConsumer, FeedbackReceivedConsumerDefinition>();
}

/// <summary>Loads the models at start, so a broken model fails the start and the first message is not slow.</summary>
internal sealed class ModelWarmup(FeedbackAnalyzer analyzer, ILogger<ModelWarmup> logger) : IHostedService
{
    public Task StartAsync(CancellationToken ct)
    {
        analyzer.Analyze("warming up the models");
        logger.LogInformation("Models {Version} loaded for {Languages}", analyzer.ModelVersion, string.Join(", ", analyzer.Languages));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
}

public sealed class AnalysisOptions
{
    public const string Section = "Analysis";

    public string ModelDirectory { get; set; } = Path.Combine(AppContext.BaseDirectory, "models");

    /// <summary>A customer's own topic model (`jf train topics`), used instead of the bundled one.</summary>
    public string? TopicModelPath { get; set; }

    /// <summary>
    /// Test-only, off by default: feedback whose text contains this marker makes the consumer throw, so fault
    /// tests can prove that a poison message ends in the _error queue with its reason while the rest flows.
    /// </summary>
    public string? PoisonMarker { get; set; }
}
