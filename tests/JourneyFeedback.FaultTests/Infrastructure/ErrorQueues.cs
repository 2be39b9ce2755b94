using System.Text.Json;
using JourneyFeedback.Cli.Errors;
using RabbitMQ.Client;

namespace JourneyFeedback.FaultTests.Infrastructure;

public sealed record ParkedMessage(Guid FeedbackId, string? ExceptionType, string? Reason);

/// <summary>Reads an _error queue the way `jf errors list` does, and finds the feedback id in each message.</summary>
public static class ErrorQueues
{
    public static async Task<List<ParkedMessage>> ListAsync(string rabbitMqUrl, string queue)
    {
        var factory = new ConnectionFactory { Uri = new Uri(rabbitMqUrl) };
        await using var connection = await factory.CreateConnectionAsync();
        await using var errors = await ErrorQueue.OpenAsync(connection, queue, CancellationToken.None);
        return [.. (await errors.TakeAllAsync(CancellationToken.None)).Select(m =>
        {
            using var envelope = JsonDocument.Parse(m.Body);
            var id = envelope.RootElement.GetProperty("message").GetProperty("feedback").GetProperty("feedbackId").GetGuid();
            return new ParkedMessage(id, m.ExceptionType, m.Reason);
        })];
    }
}
