using System.Security.Cryptography;
using System.Text;
using JourneyFeedback.Contracts;
using JourneyFeedback.Ingestion.Redaction;
using JourneyFeedback.ServiceDefaults;
using JourneyFeedback.Store;
using MassTransit;
using Microsoft.Extensions.Options;

namespace JourneyFeedback.Ingestion;

/// <summary>
/// Accepts one item: validates it, redacts personal data, claims its (source, external id) — or its
/// idempotency key — and answers only once the broker has confirmed the message. Redaction comes before
/// the claim and the publish, so raw personal data never reaches Redis or RabbitMQ. When the broker does not confirm, the claim is released so the caller's
/// retry is taken as new rather than as a duplicate of something that was never sent.
/// </summary>
public sealed class FeedbackIntake(
    FeedbackValidator validator,
    PiiRedactor redactor,
    IFeedbackStore store,
    IPublishEndpoint publisher,
    IOptions<MessagingOptions> messaging,
    ILogger<FeedbackIntake> logger)
{
    public async Task<Registration> SubmitAsync(FeedbackDraft draft, CancellationToken ct)
    {
        var item = redactor.Redact(validator.Validate(draft));
        var dedupeKey = DedupeKey(item, draft);
        // A publish whose confirm was lost may still have reached the broker. The sender's retry then carries the
        // same feedback id, so the Aggregator's once-per-id record counts the item once, not twice.
        if (dedupeKey is not null) item = item with { FeedbackId = StableId(item.Source, dedupeKey) };
        Registration registration;
        try
        {
            registration = dedupeKey is null
                ? new Registration(item.FeedbackId, Duplicate: false)
                : await store.RegisterAsync(item.Source, dedupeKey, item.FeedbackId, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            throw new IngestionUnavailableException("The dedupe store is unreachable; retry later.", e);
        }
        if (registration.Duplicate) return registration;

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(messaging.Value.PublishTimeout);
        try
        {
            await publisher.Publish(new FeedbackReceived(item), timeout.Token);
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Publishing feedback {FeedbackId} from {Source} failed", item.FeedbackId, item.Source);
            if (dedupeKey is not null)
            {
                try { await store.ForgetAsync(item.Source, dedupeKey, item.FeedbackId, CancellationToken.None); }
                catch (Exception forgetError) { logger.LogWarning(forgetError, "Could not release the dedupe claim of {FeedbackId}", item.FeedbackId); }
            }
            if (ct.IsCancellationRequested) throw;
            throw new IngestionUnavailableException("The message broker did not confirm the item; retry later.", e);
        }
        return registration;
    }

    /// <summary>A name-based id (RFC 9562 version 8) from the source and its dedupe key.</summary>
    internal static Guid StableId(string source, string dedupeKey)
    {
        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes($"{source}\n{dedupeKey}"))[..16];
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x80);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true);
    }

    // Idempotency keys share the external-id key space under a prefix of their own.
    private static string? DedupeKey(FeedbackItem item, FeedbackDraft draft) =>
        item.ExternalId ?? (string.IsNullOrEmpty(draft.IdempotencyKey) ? null : "idempotency-key:" + draft.IdempotencyKey);
}
