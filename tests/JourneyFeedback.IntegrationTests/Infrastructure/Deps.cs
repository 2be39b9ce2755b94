using Docker.DotNet;
using Testcontainers.RabbitMq;
using Testcontainers.Redis;

namespace JourneyFeedback.IntegrationTests.Infrastructure;

/// <summary>
/// The real RabbitMQ and Redis the integration tests talk to: RABBITMQ_URL / REDIS_URL when set
/// (scripts/deps.sh start prints them; `make test` does it for you), else containers when a Docker engine
/// answers, else a failure that says how to start them. Never a silent skip.
/// </summary>
public sealed class Deps : IAsyncLifetime
{
    private RabbitMqContainer? _rabbit;
    private RedisContainer? _redis;

    public string RabbitMqUrl { get; private set; } = "";
    public string RedisUrl { get; private set; } = "";

    public async Task InitializeAsync()
    {
        var rabbit = Environment.GetEnvironmentVariable("RABBITMQ_URL");
        var redis = Environment.GetEnvironmentVariable("REDIS_URL");
        if (!string.IsNullOrEmpty(rabbit) && !string.IsNullOrEmpty(redis))
        {
            (RabbitMqUrl, RedisUrl) = (rabbit, redis);
            return;
        }
        try
        {
            _rabbit = new RabbitMqBuilder("rabbitmq:3.13-alpine").Build();
            _redis = new RedisBuilder("redis:7-alpine").Build();
            await Task.WhenAll(_rabbit.StartAsync(), _redis.StartAsync());
            RabbitMqUrl = _rabbit.GetConnectionString();
            RedisUrl = _redis.GetConnectionString();
        }
        catch (Exception e) when (e is DockerApiException or HttpRequestException or TimeoutException || e.GetType().Name.Contains("Docker"))
        {
            throw new InvalidOperationException(
                "These tests need a real RabbitMQ and Redis. Run them with `make test`, or start throwaway ones with " +
                "`eval \"$(scripts/deps.sh start)\"` (Debian packages rabbitmq-server and redis-server) and run " +
                "`dotnet test` in that shell, or set RABBITMQ_URL and REDIS_URL. No Docker engine answered either: " + e.Message, e);
        }
    }

    public async Task DisposeAsync()
    {
        if (_rabbit is not null) await _rabbit.DisposeAsync();
        if (_redis is not null) await _redis.DisposeAsync();
    }
}
