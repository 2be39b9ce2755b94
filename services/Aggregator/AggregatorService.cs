using JourneyFeedback.Aggregator.Consumers;
using JourneyFeedback.Aggregator.Grpc;
using JourneyFeedback.Aggregator.Http;
using JourneyFeedback.ServiceDefaults;
using JourneyFeedback.ServiceDefaults.Auth;
using JourneyFeedback.Store;
using MassTransit;

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
        builder.Services.AddSingleton(JourneyMap.Default);
        builder.Services.AddSingleton<StageAssigner>();
        builder.Services.AddSingleton<FeedQueries>();
        return builder;
    }

    public static void AddAggregatorConsumers(this IBusRegistrationConfigurator x) =>
        x.AddConsumer<FeedbackAnalyzedConsumer, FeedbackAnalyzedConsumerDefinition>();

    public static WebApplication MapAggregator(this WebApplication app)
    {
        app.MapGrpcService<JourneyFeedService>();
        app.MapFeedApi();
        app.MapDashboard();
        return app;
    }
}
