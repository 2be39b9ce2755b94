using JourneyFeedback.Ingestion.Dapr;
using JourneyFeedback.Ingestion.Grpc;
using JourneyFeedback.Ingestion.Http;
using JourneyFeedback.Ingestion.Http.Signatures;
using JourneyFeedback.Ingestion.Redaction;
using JourneyFeedback.ServiceDefaults;
using JourneyFeedback.ServiceDefaults.Auth;
using JourneyFeedback.Store;
using Microsoft.Extensions.Options;

namespace JourneyFeedback.Ingestion;

public static class IngestionService
{
    /// <summary>The Ingestion service on its own: RabbitMQ and Redis, API keys and signed webhooks, unless configured otherwise.</summary>
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
            .PostConfigure(o => o.Dapr.AppApiToken ??= builder.Configuration["APP_API_TOKEN"])
            .ValidateDataAnnotations()
            .Validate(o => o.Redaction.Patterns.All(p => PatternCompiles(p.Value)),
                "Ingestion:Redaction:Patterns must hold valid .NET regular expressions.")
            .Validate(o => o.Sources.Values.All(s => string.IsNullOrEmpty(s.SignatureScheme) || SignatureSchemes.All.Contains(s.SignatureScheme)),
                $"Ingestion:Sources:{{name}}:SignatureScheme must be one of {string.Join(", ", SignatureSchemes.All)}.")
            .ValidateOnStart();
        builder.AddFeedbackStore();
        builder.AddApiKeyAuth(V1.FeedbackIngestion.Descriptor.FullName, ApiScopes.Ingest);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<FeedbackValidator>();
        builder.Services.AddSingleton<PiiRedactor>();
        builder.Services.AddSingleton<WebhookVerifier>();
        builder.Services.AddSingleton<GrpcSourceLimits>();
        builder.Services.AddWebhookRateLimits();
        builder.Services.AddScoped<FeedbackIntake>();
        return builder;
    }

    public static WebApplication MapIngestion(this WebApplication app)
    {
        if (app.Services.GetRequiredService<IOptions<IngestionOptions>>().Value.AllowUnsignedWebhooks)
            app.Logger.LogWarning("Unsigned webhooks are accepted from sources without a secret (Ingestion:AllowUnsignedWebhooks=true). Use this only for a local run.");
        app.UseMalformedMessageGuard();
        app.UseDaprCloudEvents();
        app.UseRateLimiter();
        app.MapGrpcService<FeedbackIngestionService>();
        app.MapWebhooks();
        app.MapDaprFeedback();
        return app;
    }

    private static bool PatternCompiles(string pattern)
    {
        try { _ = new System.Text.RegularExpressions.Regex(pattern); return true; }
        catch (ArgumentException) { return false; }
    }
}
