using JourneyFeedback.Aggregator.Alerts;
using JourneyFeedback.Aggregator.Consumers;
using JourneyFeedback.Aggregator.Grpc;
using JourneyFeedback.Aggregator.Http;
using JourneyFeedback.ServiceDefaults;
using JourneyFeedback.ServiceDefaults.Auth;
using JourneyFeedback.Store;
using MassTransit;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace JourneyFeedback.Aggregator;

public static class AggregatorService
{
    /// <summary>The Aggregator on its own: consumes FeedbackAnalyzed from RabbitMQ, keeps the feed in Redis.</summary>
    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.AddServiceDefaults("aggregator", ServicePorts.Aggregator, distributed: true);
        builder.AddAggregator();
        builder.AddMessaging(x => x.AddAggregatorConsumers());
        var app = builder.Build();
        app.MapDefaultEndpoints();
        app.MapAggregator();
        return app;
    }

    public static WebApplicationBuilder AddAggregator(this WebApplicationBuilder builder)
    {
        builder.AddFeedbackStore();
        builder.AddApiKeyAuth(Feed.V1.JourneyFeed.Descriptor.FullName, ApiScopes.ReadFeed);
        // Loaded here so a bad definition stops the process at start with the key or line named.
        builder.Services.AddSingleton(JourneyDefinition.Load(builder.Configuration["Journey:DefinitionPath"]));
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<StageAssigner>();
        builder.Services.AddSingleton<FeedQueries>();
        builder.Services.AddOptions<AlertOptions>().BindConfiguration(AlertOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton(sp => sp.GetRequiredService<IOptions<AlertOptions>>().Value);
        builder.Services.AddSingleton<SpikeDetector>();
        builder.Services.AddHttpClient("alerts", c => c.Timeout = TimeSpan.FromSeconds(10));
        return builder;
    }

    public static void AddAggregatorConsumers(this IBusRegistrationConfigurator x)
    {
        x.AddConsumer<FeedbackAnalyzedConsumer, FeedbackAnalyzedConsumerDefinition>();
        x.AddConsumer<PainPointSpikedConsumer>();
    }

    public static WebApplication MapAggregator(this WebApplication app)
    {
        app.MapGrpcService<JourneyFeedService>();
        app.MapFeedApi();
        app.MapDashboard();
        return app;
    }
}
