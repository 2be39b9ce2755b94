using JourneyFeedback.Contracts;

namespace JourneyFeedback.Ingestion;

/// <summary>An item as a caller sent it, before validation; gRPC and webhooks both map into it.</summary>
public sealed record FeedbackDraft
{
    public string? Source { get; init; }
    public string? ExternalId { get; init; }
    public string? Channel { get; init; }
    public string? Text { get; init; }
    public string? Subject { get; init; }
    public string? Language { get; init; }
    public string? Stage { get; init; }
    public string? Touchpoint { get; init; }
    public string? CustomerId { get; init; }
    public string? Segment { get; init; }
    public string? Priority { get; init; }
    public Scores Scores { get; init; } = new();
    public IReadOnlyDictionary<string, string> Metadata { get; init; } = new Dictionary<string, string>();
    public DateTimeOffset? OccurredAt { get; init; }

    /// <summary>A webhook's Idempotency-Key (or delivery id): dedupes retries of an item that has no external id.</summary>
    public string? IdempotencyKey { get; init; }

    /// <summary>Field names as the caller's protocol spells them (proto snake_case or JSON camelCase).</summary>
    public Func<string, string> FieldName { get; init; } = f => f;
}

public sealed record FieldViolation(string Field, string Description);

public sealed class FeedbackValidationException(IReadOnlyList<FieldViolation> violations)
    : Exception(string.Join("; ", violations.Select(v => $"{v.Field}: {v.Description}")))
{
    public IReadOnlyList<FieldViolation> Violations { get; } = violations;
}

/// <summary>The broker did not confirm in time; nothing was accepted and the caller should retry.</summary>
public sealed class IngestionUnavailableException(string message, Exception inner) : Exception(message, inner);
