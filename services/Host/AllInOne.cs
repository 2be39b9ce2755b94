using JourneyFeedback.Aggregator;
using JourneyFeedback.Analysis;
using JourneyFeedback.Host.Demo;
using JourneyFeedback.Ingestion;
using JourneyFeedback.ServiceDefaults;
using Microsoft.Extensions.Configuration.Memory;

namespace JourneyFeedback.Host;

/// <summary>
/// The whole pipeline in one process for `make run`: Ingestion, Analysis and Aggregator on one
/// in-memory bus and one in-process store, HTTP on 5080 and gRPC on 5081. Point Messaging and Store at
/// RabbitMQ and Redis to run the same composition against real infrastructure. It is the one place
/// where API-key auth is off and unsigned webhooks are taken by default (both logged at start).
/// </summary>
public static class AllInOne
{
    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.Configuration.Sources.Insert(0, new MemoryConfigurationSource
        {
            InitialData = new Dictionary<string, string?>
            {
                ["Auth:Enabled"] = "false",
                ["Ingestion:AllowUnsignedWebhooks"] = "true",
            },
        });
        builder.AddServiceDefaults("journeyfeedback", ServicePorts.AllInOne, distributed: false);
        builder.AddIngestion();
        builder.AddAnalysis();
        builder.AddAggregator();
        builder.Services.AddOptions<DemoOptions>().BindConfiguration(DemoOptions.Section).ValidateOnStart();
        builder.Services.AddSingleton(sp => sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<DemoOptions>>().Value);
        builder.Services.AddHostedService<DemoReplay>();
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
