using System.Text.Json;
using JourneyFeedback.Contracts;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace JourneyFeedback.Ingestion.Http;

/// <summary>
/// POST /webhooks/{source} with the generic JSON format (docs/webhooks.md). Answers 202 with the
/// feedback id, 200 for a duplicate, and problem+json for anything it cannot take.
/// </summary>
public static class WebhookEndpoints
{
    public static void MapWebhooks(this IEndpointRouteBuilder app) =>
        app.MapPost("/webhooks/{source}", Receive).WithName("ReceiveWebhook");

    private static async Task<IResult> Receive(string source, HttpContext http, FeedbackIntake intake, IOptions<IngestionOptions> options)
    {
        if (http.Request.HasJsonContentType() is false)
            return Results.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType,
                title: "Unsupported media type", detail: "Send the feedback as application/json.");

        var sizeLimit = http.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (sizeLimit is { IsReadOnly: false }) sizeLimit.MaxRequestBodySize = options.Value.MaxWebhookBodyBytes;
        if (http.Request.ContentLength > options.Value.MaxWebhookBodyBytes) return TooLarge(options.Value);

        FeedbackDraft draft;
        try
        {
            using var doc = await JsonDocument.ParseAsync(http.Request.Body, cancellationToken: http.RequestAborted);
            draft = GenericPayload.ToDraft(source, doc.RootElement);
        }
        catch (JsonException e)
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Malformed JSON",
                detail: $"The body is not valid JSON: {e.Message}");
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return TooLarge(options.Value);
        }
        catch (FeedbackValidationException e)
        {
            return Validation(e);
        }

        try
        {
            var registration = await intake.SubmitAsync(draft, http.RequestAborted);
            var body = new { feedbackId = registration.FeedbackId, duplicate = registration.Duplicate };
            return registration.Duplicate ? Results.Ok(body) : Results.Accepted(value: body);
        }
        catch (FeedbackValidationException e)
        {
            return Validation(e);
        }
        catch (IngestionUnavailableException e)
        {
            http.Response.Headers.RetryAfter = "5";
            return Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Temporarily unavailable", detail: e.Message);
        }
    }

    private static IResult Validation(FeedbackValidationException e) =>
        Results.ValidationProblem(
            e.Violations.GroupBy(v => v.Field).ToDictionary(g => g.Key, g => g.Select(v => v.Description).ToArray()),
            detail: e.Message, title: "Invalid feedback");

    private static IResult TooLarge(IngestionOptions o) =>
        Results.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "Payload too large",
            detail: $"The body must be at most {o.MaxWebhookBodyBytes} bytes.");
}
