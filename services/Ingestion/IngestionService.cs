using JourneyFeedback.Ingestion.Grpc;
using JourneyFeedback.Ingestion.Http;
using JourneyFeedback.Ingestion.Redaction;
using JourneyFeedback.ServiceDefaults;
using JourneyFeedback.Store;

namespace JourneyFeedback.Ingestion;

public static class IngestionService
{
    /// <summary>The Ingestion service on its own: RabbitMQ and Redis unless configured otherwise.</summary>
    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.AddServiceDefaults("ingestion", ServicePorts.Ingestion, distributed: true);
        builder.AddIngestion();
        builder.AddMessaging(_ => { });
        var app = builder.Build();
        app.MapDefaultEndpoints();
        app.MapIngestion();
        return app;
    }

    public static WebApplicationBuilder AddIngestion(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<IngestionOptions>()
            .BindConfiguration(IngestionOptions.Section)
            .ValidateDataAnnotations()
            .Validate(o => o.Redaction.Patterns.All(p => PatternCompiles(p.Value)),
                "Ingestion:Redaction:Patterns must hold valid .NET regular expressions.")
            .ValidateOnStart();
        builder.AddFeedbackStore();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<FeedbackValidator>();
        builder.Services.AddSingleton<PiiRedactor>();
        builder.Services.AddScoped<FeedbackIntake>();
        return builder;
    }

    public static WebApplication MapIngestion(this WebApplication app)
    {
        app.MapGrpcService<FeedbackIngestionService>();
        app.MapWebhooks();
        return app;
    }

    private static bool PatternCompiles(string pattern)
    {
        try { _ = new System.Text.RegularExpressions.Regex(pattern); return true; }
        catch (ArgumentException) { return false; }
    }
}
