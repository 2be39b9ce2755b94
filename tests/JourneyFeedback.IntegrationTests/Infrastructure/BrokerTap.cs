using System.Collections.Concurrent;
using System.Text;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace JourneyFeedback.IntegrationTests.Infrastructure;

/// <summary>
/// A queue of the test's own, bound to the exchange MassTransit publishes FeedbackReceived to on the real
/// RabbitMQ: every message Ingestion publishes from now on lands here too, as raw bytes.
/// </summary>
public sealed class BrokerTap : IAsyncDisposable
{
    public const string FeedbackReceivedExchange = "JourneyFeedback.Contracts:FeedbackReceived";

    private readonly IConnection _connection;
    private readonly IChannel _channel;

    private BrokerTap(IConnection connection, IChannel channel) => (_connection, _channel) = (connection, channel);

    public ConcurrentQueue<string> Messages { get; } = new();

    public static async Task<BrokerTap> StartAsync(string rabbitMqUrl)
    {
        var connection = await new ConnectionFactory { Uri = new Uri(rabbitMqUrl) }.CreateConnectionAsync();
        var channel = await connection.CreateChannelAsync();
        var tap = new BrokerTap(connection, channel);
        // Declared as MassTransit declares it, so whichever side comes first the exchange is the same.
        await channel.ExchangeDeclareAsync(FeedbackReceivedExchange, ExchangeType.Fanout, durable: true, autoDelete: false);
        var queue = await channel.QueueDeclareAsync("", durable: false, exclusive: true, autoDelete: true);
        await channel.QueueBindAsync(queue.QueueName, FeedbackReceivedExchange, "");
        var consumer = new AsyncEventingBasicConsumer(channel);
        consumer.ReceivedAsync += (_, delivery) =>
        {
            tap.Messages.Enqueue(Encoding.UTF8.GetString(delivery.Body.Span));
            return Task.CompletedTask;
        };
        await channel.BasicConsumeAsync(queue.QueueName, autoAck: true, consumer);
        return tap;
    }

    public async ValueTask DisposeAsync()
    {
        await _channel.CloseAsync();
        await _connection.CloseAsync();
        _channel.Dispose();
        _connection.Dispose();
    }
}
