using System.Text;
using System.Text.Json;
using RabbitMQ.Client;

namespace JourneyFeedback.Cli.Errors;

/// <summary>One message MassTransit parked in an _error queue, with the reason from its MT-Fault headers.</summary>
public sealed record FailedMessage(string Queue, string? MessageId, string? MessageType, string? ExceptionType, string? Reason,
    string? FailedAt, ulong DeliveryTag, ReadOnlyMemory<byte> Body, IReadOnlyBasicProperties Properties);

/// <summary>
/// Reads and re-sends the _error queues over plain AMQP. Listing takes the messages without acknowledging them,
/// so closing the channel puts them all back; replay publishes to the original queue's exchange, waits for the
/// broker's confirm, and only then removes the message from the _error queue.
/// </summary>
public sealed class ErrorQueue(IChannel channel, string queue) : IAsyncDisposable
{
    public static readonly string[] Known = ["feedback-received_error", "feedback-analyzed_error"];

    public static async Task<ErrorQueue> OpenAsync(IConnection connection, string queue, CancellationToken ct)
    {
        var channel = await connection.CreateChannelAsync(new CreateChannelOptions(
            publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true), ct);
        return new ErrorQueue(channel, queue);
    }

    /// <summary>The queue the message failed in: the _error queue's name without its suffix.</summary>
    public string OriginalQueue => queue.EndsWith("_error", StringComparison.Ordinal) ? queue[..^"_error".Length] : queue;

    public async Task<List<FailedMessage>> TakeAllAsync(CancellationToken ct)
    {
        var messages = new List<FailedMessage>();
        try
        {
            while (await channel.BasicGetAsync(queue, autoAck: false, ct) is { } got)
                messages.Add(Describe(got));
        }
        catch (RabbitMQ.Client.Exceptions.OperationInterruptedException e) when (e.ShutdownReason?.ReplyCode == 404)
        {
            // No message ever failed there: MassTransit creates an _error queue on first use.
        }
        return messages;
    }

    public async Task ReplayAsync(FailedMessage message, CancellationToken ct)
    {
        var properties = new BasicProperties(message.Properties)
        {
            Headers = message.Properties.Headers?
                .Where(h => !h.Key.StartsWith("MT-Fault-", StringComparison.Ordinal) && h.Key != "MT-Reason")
                .ToDictionary(h => h.Key, h => h.Value),
        };
        await channel.BasicPublishAsync(OriginalQueue, "", mandatory: false, properties, message.Body, ct);
        await channel.BasicAckAsync(message.DeliveryTag, multiple: false, ct);
    }

    private FailedMessage Describe(BasicGetResult got)
    {
        var headers = got.BasicProperties.Headers ?? new Dictionary<string, object?>();
        string? Header(string name) => headers.TryGetValue(name, out var v) ? v switch
        {
            byte[] bytes => Encoding.UTF8.GetString(bytes),
            null => null,
            _ => v.ToString(),
        } : null;
        var (id, type) = (got.BasicProperties.MessageId, (string?)null);
        try
        {
            using var envelope = JsonDocument.Parse(got.Body);
            if (envelope.RootElement.TryGetProperty("messageId", out var mid)) id ??= mid.GetString();
            if (envelope.RootElement.TryGetProperty("messageType", out var types) && types.ValueKind == JsonValueKind.Array && types.GetArrayLength() > 0)
                type = types[0].GetString()?.Replace("urn:message:", "");
        }
        catch (JsonException)
        {
            // Not a MassTransit JSON envelope: show what the headers say.
        }
        return new FailedMessage(queue, id, type, Header("MT-Fault-ExceptionType"), Header("MT-Fault-Message"),
            Header("MT-Fault-Timestamp"), got.DeliveryTag, got.Body.ToArray(), got.BasicProperties);
    }

    public async ValueTask DisposeAsync()
    {
        await channel.CloseAsync();
        channel.Dispose();
    }
}
