using System.Text;
using System.Text.Json;
using JourneyFeedback.Aggregator.Alerts;
using JourneyFeedback.Contracts;
using MassTransit;

namespace JourneyFeedback.Aggregator.Consumers;

/// <summary>
/// Delivers a spike alert to every configured webhook, signed per Standard Webhooks. Each target is retried on its
/// own with exponential backoff, so one failing receiver never makes the others get the alert twice; the
/// webhook-id is the same on every attempt, so a receiver can drop a retry it already took.
/// </summary>
public sealed class PainPointSpikedConsumer(IHttpClientFactory http, AlertOptions options, TimeProvider clock,
    ILogger<PainPointSpikedConsumer> log) : IConsumer<PainPointSpiked>
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public Task Consume(ConsumeContext<PainPointSpiked> context)
    {
        var spike = context.Message;
        var id = $"spike_{spike.PainPointId}_{spike.DetectedAt.ToUnixTimeSeconds()}";
        var body = JsonSerializer.Serialize(new { type = "painpoint.spiked", timestamp = spike.DetectedAt, data = spike }, Json);
        return Task.WhenAll(options.Webhooks.Select(t => DeliverAsync(t, id, body, context.CancellationToken)));
    }

    private async Task DeliverAsync(WebhookTarget target, string id, string body, CancellationToken ct)
    {
        var delay = options.FirstRetryDelay;
        for (var attempt = 1; attempt <= options.MaxAttempts; attempt++)
        {
            var timestamp = clock.GetUtcNow().ToUnixTimeSeconds();
            using var request = new HttpRequestMessage(HttpMethod.Post, target.Url)
            {
                Content = new StringContent(body, Encoding.UTF8, "application/json"),
            };
            request.Headers.Add("webhook-id", id);
            request.Headers.Add("webhook-timestamp", timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
            request.Headers.Add("webhook-signature", StandardWebhookSigner.Sign(target.Secret, id, timestamp, body));
            try
            {
                using var response = await http.CreateClient("alerts").SendAsync(request, ct);
                if (response.IsSuccessStatusCode) return;
                log.LogWarning("Alert {Id} to {Url}: HTTP {Status} (attempt {Attempt})", id, target.Url, (int)response.StatusCode, attempt);
            }
            catch (HttpRequestException e)
            {
                log.LogWarning("Alert {Id} to {Url}: {Error} (attempt {Attempt})", id, target.Url, e.Message, attempt);
            }
            if (attempt < options.MaxAttempts) await Task.Delay(delay, clock, ct);
            delay *= 2;
        }
        log.LogError("Alert {Id} to {Url} given up after {Attempts} attempts", id, target.Url, options.MaxAttempts);
    }
}
