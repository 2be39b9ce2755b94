using JourneyFeedback.Aggregator;
using JourneyFeedback.Analysis;
using JourneyFeedback.Ingestion;
using JourneyFeedback.ServiceDefaults;

namespace JourneyFeedback.Host;

/// <summary>
/// The whole pipeline in one process for `make run`: Ingestion, Analysis and Aggregator on one
/// in-memory bus and one in-process store, HTTP on 5080 and gRPC on 5081. Point Messaging and Store at
/// RabbitMQ and Redis to run the same composition against real infrastructure.
/// </summary>
public static class AllInOne
{
    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.AddServiceDefaults("journeyfeedback", ServicePorts.AllInOne, distributed: false);
        builder.AddIngestion();
        builder.AddAnalysis();
        builder.AddAggregator();
        builder.AddMessaging(x =>
        {
            x.AddAnalysisConsumers();
            x.AddAggregatorConsumers();
        });
        var app = builder.Build();
        app.MapDefaultEndpoints();
        app.MapIngestion();
        app.MapAggregator();
        return app;
    }
}
