using System.Net;
using MassTransit.Logging;
using MassTransit.Monitoring;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Memory;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace JourneyFeedback.ServiceDefaults;

public static class ServiceDefaultsExtensions
{
    /// <summary>
    /// What every JourneyFeedback process shares: two listeners (HTTP/1.1 for webhooks, REST and the
    /// dashboard; HTTP/2 cleartext for gRPC), health checks, problem details, OpenTelemetry and the store.
    /// </summary>
    public static WebApplicationBuilder AddServiceDefaults(this WebApplicationBuilder builder, string serviceName, ServicePorts defaults, bool distributed)
    {
        if (distributed)
        {
            // A service run on its own talks to RabbitMQ and Redis unless configured otherwise.
            builder.Configuration.Sources.Insert(0, new MemoryConfigurationSource
            {
                InitialData = new Dictionary<string, string?>
                {
                    ["Messaging:Transport"] = "RabbitMq",
                    ["Store:Provider"] = "Redis",
                },
            });
        }

        // A mounted Kubernetes secret (or any folder of files): each file name is a configuration key with
        // "__" for ":", e.g. Auth__Keys__ci__Hash; files are re-read when the secret is updated.
        if (builder.Configuration["Secrets:Directory"] is { Length: > 0 } secrets)
            builder.Configuration.AddKeyPerFile(s =>
            {
                s.FileProvider = new PhysicalFileProvider(Path.GetFullPath(secrets));
                s.Optional = false;
                s.ReloadOnChange = true;
            });

        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            Listen(kestrel, builder.Configuration["Endpoints:Http"] ?? $"http://localhost:{defaults.Http}", HttpProtocols.Http1);
            Listen(kestrel, builder.Configuration["Endpoints:Grpc"] ?? $"http://localhost:{defaults.Grpc}", HttpProtocols.Http2);
        });

        builder.Services.AddProblemDetails();
        builder.Services.AddGrpc(o => o.EnableDetailedErrors = builder.Environment.IsDevelopment());
        builder.Services.AddHealthChecks().AddCheck("self", () => HealthCheckResult.Healthy(), tags: ["live"]);
        builder.Services.AddGrpcHealthChecks(o =>
            o.Services.Map("", r => r.Tags.Contains("ready") || r.Tags.Contains("live")));

        var otel = builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(serviceName))
            .WithTracing(t => t.AddAspNetCoreInstrumentation().AddSource(DiagnosticHeaders.DefaultListenerName))
            .WithMetrics(m => m.AddAspNetCoreInstrumentation().AddMeter(InstrumentationOptions.MeterName));
        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
            otel.UseOtlpExporter();

        return builder;
    }

    /// <summary>/alive answers while the process runs; /health also needs the broker and the store.</summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.MapHealthChecks("/alive", new HealthCheckOptions { Predicate = r => r.Tags.Contains("live") });
        // A degraded broker connection (MassTransit reports endpoints it cannot reach as Degraded) is not ready either.
        app.MapHealthChecks("/health", new HealthCheckOptions
        {
            Predicate = r => r.Tags.Contains("ready") || r.Tags.Contains("live"),
            ResultStatusCodes =
            {
                [HealthStatus.Healthy] = StatusCodes.Status200OK,
                [HealthStatus.Degraded] = StatusCodes.Status503ServiceUnavailable,
                [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
            },
        });
        app.MapGrpcHealthChecksService();
        return app;
    }

    private static void Listen(KestrelServerOptions kestrel, string url, HttpProtocols protocols)
    {
        var uri = new Uri(url);
        Action<ListenOptions> configure = o => o.Protocols = protocols;
        switch (uri.Host)
        {
            case "localhost": kestrel.ListenLocalhost(uri.Port, configure); break;
            case "*" or "+" or "0.0.0.0" or "[::]": kestrel.ListenAnyIP(uri.Port, configure); break;
            default: kestrel.Listen(IPAddress.Parse(uri.Host.Trim('[', ']')), uri.Port, configure); break;
        }
    }
}

public readonly record struct ServicePorts(int Http, int Grpc)
{
    public static readonly ServicePorts AllInOne = new(5080, 5081);
    public static readonly ServicePorts Ingestion = new(5180, 5181);
    public static readonly ServicePorts Analysis = new(5280, 5281);
    public static readonly ServicePorts Aggregator = new(5380, 5381);
}
