using System.ComponentModel.DataAnnotations;
using JourneyFeedback.Store;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;

namespace JourneyFeedback.ServiceDefaults;

public sealed class MessagingOptions
{
    public const string Section = "Messaging";

    /// <summary>"InMemory" (one process) or "RabbitMq".</summary>
    [Required, RegularExpression("^(InMemory|RabbitMq)$", ErrorMessage = "Messaging:Transport must be InMemory or RabbitMq.")]
    public string Transport { get; set; } = "InMemory";

    /// <summary>amqp://user:password@host:port/vhost. Falls back to RABBITMQ_URL.</summary>
    public string? RabbitMqUrl { get; set; }

    /// <summary>Redeliveries with exponential backoff before a message goes to its _error queue.</summary>
    [Range(0, 20)]
    public int RetryLimit { get; set; } = 5;

    /// <summary>How long a publisher waits for the broker's confirm before answering Unavailable.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan PublishTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a store outage is waited out (message held, not acknowledged) before it counts as a failure.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan StoreOutageTolerance { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>On shutdown, how long messages in flight may take to finish before the process stops anyway.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan DrainTimeout { get; set; } = TimeSpan.FromSeconds(30);
}

public static class MessagingExtensions
{
    /// <summary>
    /// MassTransit on RabbitMQ (durable quorum queues, publisher confirms, retry then the _error queue)
    /// or, for the all-in-one run and unit tests, on the in-memory transport.
    /// </summary>
    private static readonly TimeSpan StoreOutageRetryInterval = TimeSpan.FromSeconds(2);

    public static IHostApplicationBuilder AddMessaging(this IHostApplicationBuilder builder, Action<IBusRegistrationConfigurator> configure)
    {
        builder.Services.AddOptions<MessagingOptions>()
            .BindConfiguration(MessagingOptions.Section)
            .PostConfigure(o => o.RabbitMqUrl ??= builder.Configuration["RABBITMQ_URL"])
            .ValidateDataAnnotations()
            .Validate(o => o.Transport != "RabbitMq" || Uri.TryCreate(o.RabbitMqUrl, UriKind.Absolute, out _),
                "Messaging:RabbitMqUrl (or RABBITMQ_URL) must be an amqp:// URL when Messaging:Transport is RabbitMq.")
            .ValidateOnStart();

        var options = builder.Configuration.GetSection(MessagingOptions.Section).Get<MessagingOptions>() ?? new MessagingOptions();
        options.RabbitMqUrl ??= builder.Configuration["RABBITMQ_URL"];

        // Stopping drains: the bus stops taking messages and lets those in flight finish (and be acknowledged)
        // before the host gives up, so a rolling restart or SIGTERM leaves nothing half done.
        builder.Services.Configure<MassTransitHostOptions>(o => o.StopTimeout = options.DrainTimeout);
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = options.DrainTimeout + TimeSpan.FromSeconds(5));

        if (options.Transport == "RabbitMq" && Uri.TryCreate(options.RabbitMqUrl, UriKind.Absolute, out var broker))
            builder.Services.AddHealthChecks().Add(new HealthCheckRegistration("broker", _ => new BrokerHealthCheck(broker),
                HealthStatus.Unhealthy, ["ready"]));

        builder.Services.AddMassTransit(x =>
        {
            x.SetKebabCaseEndpointNameFormatter();
            x.AddConfigureEndpointsCallback((_, _, endpoint) =>
            {
                if (endpoint is IRabbitMqReceiveEndpointConfigurator rabbit) rabbit.SetQuorumQueue();
                // A store outage is not the message's fault: hold it (unacknowledged) and try again until the store
                // is back, instead of spending its retries and parking it in the _error queue.
                var outageRetries = (int)(options.StoreOutageTolerance / StoreOutageRetryInterval);
                if (outageRetries > 0)
                    endpoint.UseMessageRetry(r =>
                    {
                        r.Handle<StoreUnavailableException>();
                        r.Interval(outageRetries, StoreOutageRetryInterval);
                    });
                if (options.RetryLimit > 0)
                    endpoint.UseMessageRetry(r =>
                    {
                        r.Ignore<StoreUnavailableException>();
                        r.Exponential(options.RetryLimit, TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(500));
                    });
            });
            configure(x);

            if (options.Transport == "RabbitMq" && Uri.TryCreate(options.RabbitMqUrl, UriKind.Absolute, out var url))
            {
                x.UsingRabbitMq((context, cfg) =>
                {
                    cfg.Host(url, h => h.PublisherConfirmation = true);
                    cfg.ConfigureEndpoints(context);
                });
            }
            else
            {
                x.UsingInMemory((context, cfg) => cfg.ConfigureEndpoints(context));
            }
        });
        return builder;
    }
}
