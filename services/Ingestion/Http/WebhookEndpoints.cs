using System.Text.Json;
using System.Text.RegularExpressions;
using JourneyFeedback.Ingestion.Http.Adapters;
using JourneyFeedback.Ingestion.Http.Signatures;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace JourneyFeedback.Ingestion.Http;

/// <summary>
/// POST /webhooks/{source} (generic JSON, docs/webhooks.md) and /webhooks/{source}/{format} (a tool's own
/// payload: typeform, zendesk, trustpilot). Checks, in order: media type, source name, size, signature,
/// payload; answers 202 with the feedback id, 200 for a duplicate, and problem+json for anything it cannot take.
/// </summary>
public static partial class WebhookEndpoints
{
    public const string RateLimitPolicy = "webhook-per-source";

    public static void MapWebhooks(this IEndpointRouteBuilder app)
    {
        app.MapPost("/webhooks/{source}", (string source, HttpContext http, FeedbackIntake intake, WebhookVerifier verifier, IOptions<IngestionOptions> options) =>
                Receive(source, WebhookFormats.All[WebhookFormats.Generic], http, intake, verifier, options.Value))
            .WithName("ReceiveWebhook").RequireRateLimiting(RateLimitPolicy);
        app.MapPost("/webhooks/{source}/{format}", (string source, string format, HttpContext http, FeedbackIntake intake, WebhookVerifier verifier, IOptions<IngestionOptions> options) =>
                format != WebhookFormats.Generic && WebhookFormats.All.TryGetValue(format, out var known)
                    ? Receive(source, known, http, intake, verifier, options.Value)
                    : Task.FromResult(Problem(StatusCodes.Status404NotFound, "Unknown webhook format",
                        $"'{format}' is not a format; use one of {string.Join(", ", WebhookFormats.All.Keys.Where(k => k != WebhookFormats.Generic))}, or /webhooks/{source} for the generic one.")))
            .WithName("ReceiveToolWebhook").RequireRateLimiting(RateLimitPolicy);
    }

    private static async Task<IResult> Receive(string source, WebhookFormat format, HttpContext http, FeedbackIntake intake,
        WebhookVerifier verifier, IngestionOptions options)
    {
        if (http.Request.HasJsonContentType() is false)
            return Problem(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type", "Send the feedback as application/json.");
        if (!SourcePattern().IsMatch(source))
            return Validation(new FeedbackValidationException([new FieldViolation("source", "must be 1-64 lowercase letters, digits, '.', '_' or '-'")]));

        var body = await ReadBodyAsync(http, options.MaxWebhookBodyBytes);
        if (body is null) return TooLarge(options);

        if (verifier.Verify(source, format, http.Request.Headers, body) is { } failure)
            return Problem(StatusCodes.Status401Unauthorized, "Invalid webhook signature", failure);

        // JSON parsing lets invalid UTF-8 inside strings through until a value is read; refuse it up front.
        if (!System.Text.Unicode.Utf8.IsValid(body))
            return Problem(StatusCodes.Status400BadRequest, "Malformed JSON", "The body is not valid UTF-8.");

        IReadOnlyList<FeedbackDraft> drafts;
        try
        {
            using var doc = JsonDocument.Parse(body);
            drafts = format.ToDrafts(source, doc.RootElement);
        }
        catch (JsonException e)
        {
            return Problem(StatusCodes.Status400BadRequest, "Malformed JSON", $"The body is not valid JSON: {e.Message}");
        }
        catch (FeedbackValidationException e)
        {
            return Validation(e);
        }

        // Retries of one delivery carry the same Idempotency-Key (or Standard Webhooks id): items without an
        // external id are deduped on it, one key per item of the delivery.
        var deliveryKey = Header(http, "Idempotency-Key") ?? Header(http, "webhook-id");
        var results = new List<object>(drafts.Count);
        var errors = new Dictionary<string, string[]>();
        var (anyNew, taken) = (false, 0);
        try
        {
            for (var i = 0; i < drafts.Count; i++)
            {
                var draft = deliveryKey is null ? drafts[i] : drafts[i] with { IdempotencyKey = drafts.Count == 1 ? deliveryKey : $"{deliveryKey}#{i}" };
                try
                {
                    var registration = await intake.SubmitAsync(draft, http.RequestAborted);
                    anyNew |= !registration.Duplicate;
                    taken++;
                    results.Add(new { feedbackId = registration.FeedbackId, duplicate = registration.Duplicate });
                }
                catch (FeedbackValidationException e) when (drafts.Count > 1)
                {
                    results.Add(new { errors = Errors(e) });
                    foreach (var (field, descriptions) in Errors(e)) errors.TryAdd(field, descriptions);
                }
            }
        }
        catch (FeedbackValidationException e)
        {
            return Validation(e);
        }
        catch (IngestionUnavailableException e)
        {
            http.Response.Headers.RetryAfter = "5";
            return Problem(StatusCodes.Status503ServiceUnavailable, "Temporarily unavailable", e.Message);
        }

        if (taken == 0 && errors.Count > 0)
            return Results.ValidationProblem(errors, detail: "No item of the delivery is valid.", title: "Invalid feedback");
        object answer = drafts.Count == 1 ? results[0] : new { items = results };
        return anyNew || results.Count == 0 ? Results.Accepted(value: answer) : Results.Ok(answer);
    }

    /// <summary>The whole body, or null when it is larger than the limit (checked while reading, whatever Content-Length said).</summary>
    private static async Task<byte[]?> ReadBodyAsync(HttpContext http, long limit)
    {
        if (http.Request.ContentLength > limit) return null;
        var sizeLimit = http.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (sizeLimit is { IsReadOnly: false }) sizeLimit.MaxRequestBodySize = limit;
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        try
        {
            int n;
            while ((n = await http.Request.Body.ReadAsync(chunk, http.RequestAborted)) > 0)
            {
                if (buffer.Length + n > limit) return null;
                buffer.Write(chunk, 0, n);
            }
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return null;
        }
        return buffer.ToArray();
    }

    private static string? Header(HttpContext http, string name) =>
        http.Request.Headers.TryGetValue(name, out var v) && !string.IsNullOrWhiteSpace(v) ? v.ToString() : null;

    private static Dictionary<string, string[]> Errors(FeedbackValidationException e) =>
        e.Violations.GroupBy(v => v.Field).ToDictionary(g => g.Key, g => g.Select(v => v.Description).ToArray());

    private static IResult Validation(FeedbackValidationException e) =>
        Results.ValidationProblem(Errors(e), detail: e.Message, title: "Invalid feedback");

    private static IResult Problem(int status, string title, string detail) =>
        Results.Problem(statusCode: status, title: title, detail: detail);

    private static IResult TooLarge(IngestionOptions o) =>
        Problem(StatusCodes.Status413PayloadTooLarge, "Payload too large", $"The body must be at most {o.MaxWebhookBodyBytes} bytes.");

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]{0,63}$")]
    private static partial Regex SourcePattern();
}
