using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Dapr;
using JourneyFeedback.Ingestion.Http.Adapters;
using Microsoft.Extensions.Options;

namespace JourneyFeedback.Ingestion.Dapr;

/// <summary>
/// Feedback other Dapr apps publish to the <c>feedback</c> topic: CloudEvents whose data is the generic
/// webhook format. The publishing app's id (the CloudEvent source) is the source and the event id dedupes
/// redeliveries. Answers follow Dapr's contract: SUCCESS, DROP for an item that can never be valid,
/// RETRY when the broker or store is down. Dapr only moves the message in; MassTransit carries it on.
/// </summary>
public static partial class DaprFeedback
{
    public const string Route = "/dapr/feedback";

    public static void UseDaprCloudEvents(this WebApplication app) =>
        app.UseCloudEvents(new CloudEventsMiddlewareOptions
        {
            ForwardCloudEventPropertiesAsHeaders = true,
            IncludedCloudEventPropertiesAsHeaders = ["id", "source", "type"],
        });

    public static void MapDaprFeedback(this WebApplication app)
    {
        var dapr = app.Services.GetRequiredService<IOptions<IngestionOptions>>().Value.Dapr;
        app.MapSubscribeHandler();
        app.MapPost(Route, Receive).WithTopic(dapr.PubSubName, dapr.Topic);
    }

    private static async Task<IResult> Receive(HttpContext http, FeedbackIntake intake, IOptions<IngestionOptions> options, ILoggerFactory logs)
    {
        var log = logs.CreateLogger(typeof(DaprFeedback));
        if (options.Value.Dapr.AppApiToken is { Length: > 0 } token && !TokenMatches(token, http.Request.Headers["dapr-api-token"].ToString()))
            return Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized", detail: "dapr-api-token does not match APP_API_TOKEN.");

        var source = SourceOf(http.Request.Headers["Cloudevent.source"].ToString());
        try
        {
            using var doc = await JsonDocument.ParseAsync(http.Request.Body, cancellationToken: http.RequestAborted);
            var draft = GenericPayload.ToDraft(source, doc.RootElement) with
            {
                IdempotencyKey = http.Request.Headers["Cloudevent.id"].ToString() is { Length: > 0 } id ? "cloudevent:" + id : null,
            };
            var registration = await intake.SubmitAsync(draft, http.RequestAborted);
            return Results.Ok(new { status = "SUCCESS", feedbackId = registration.FeedbackId, duplicate = registration.Duplicate });
        }
        catch (Exception e) when (e is JsonException or FeedbackValidationException or InvalidOperationException)
        {
            // Redelivering a malformed event cannot help: tell Dapr to drop it, and say why.
            log.LogWarning("Dropping a CloudEvent from {Source}: {Reason}", source, e.Message);
            var errors = e is FeedbackValidationException v
                ? v.Violations.GroupBy(x => x.Field).ToDictionary(g => g.Key, g => g.Select(x => x.Description).ToArray())
                : new Dictionary<string, string[]> { ["data"] = ["is not valid UTF-8 JSON"] };
            return Results.Ok(new { status = "DROP", errors });
        }
        catch (IngestionUnavailableException e)
        {
            return Results.Json(new { status = "RETRY", detail = e.Message }, statusCode: StatusCodes.Status503ServiceUnavailable);
        }
    }

    /// <summary>The publishing app id as a source name: lowercase, other characters as '-', "dapr" when absent.</summary>
    internal static string SourceOf(string? cloudEventSource)
    {
        var name = NotAllowed().Replace((cloudEventSource ?? "").Trim().ToLowerInvariant(), "-").Trim('-', '.', '_');
        return name.Length == 0 ? "dapr" : name[..Math.Min(64, name.Length)];
    }

    private static bool TokenMatches(string expected, string presented) =>
        CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(expected)), SHA256.HashData(Encoding.UTF8.GetBytes(presented)));

    [GeneratedRegex("[^a-z0-9._-]+")]
    private static partial Regex NotAllowed();
}
