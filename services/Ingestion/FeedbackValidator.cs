using System.Text.RegularExpressions;
using JourneyFeedback.Contracts;
using Microsoft.Extensions.Options;

namespace JourneyFeedback.Ingestion;

/// <summary>Checks every field of a draft and names each one that is wrong; produces the accepted item.</summary>
public sealed partial class FeedbackValidator(IOptions<IngestionOptions> options, TimeProvider clock)
{
    private static readonly string[] Priorities = ["low", "normal", "high", "urgent"];

    public FeedbackItem Validate(FeedbackDraft d)
    {
        var o = options.Value;
        var errors = new List<FieldViolation>();
        void Fail(string field, string description) => errors.Add(new FieldViolation(d.FieldName(field), description));

        if (string.IsNullOrEmpty(d.Source)) Fail("source", "is required");
        else if (!SourcePattern().IsMatch(d.Source)) Fail("source", "must be 1-64 lowercase letters, digits, '.', '_' or '-'");

        if (d.ExternalId is { Length: > 256 }) Fail("external_id", "must be at most 256 characters");
        if (d.IdempotencyKey is { Length: > 256 }) Fail("Idempotency-Key", "must be at most 256 characters");
        if (!Channels.IsKnown(d.Channel)) Fail("channel", $"must be one of {string.Join(", ", Channels.All)}");

        var hasScore = d.Scores is { Nps: not null } or { Csat: not null } or { Ces: not null } or { Rating: not null };
        if (string.IsNullOrWhiteSpace(d.Text))
        {
            if (!(d.Channel == Channels.Survey && hasScore)) Fail("text", "must not be empty");
        }
        else if (d.Text.Length > o.MaxTextLength) Fail("text", $"must be at most {o.MaxTextLength} characters");
        if (d.Subject is { Length: > 1000 }) Fail("subject", "must be at most 1000 characters");

        Range("nps", d.Scores.Nps, 0, 10);
        Range("csat", d.Scores.Csat, 1, 5);
        Range("ces", d.Scores.Ces, 1, 7);
        Range("rating", d.Scores.Rating, 1, 5);

        if (!string.IsNullOrEmpty(d.Language) && !LanguagePattern().IsMatch(d.Language))
            Fail("language", "must be a language code such as en, pl or pt-BR");
        if (!string.IsNullOrEmpty(d.Stage) && !o.Stages.Contains(d.Stage))
            Fail("stage", $"must be one of {string.Join(", ", o.Stages)}");
        if (!string.IsNullOrEmpty(d.Priority) && !Priorities.Contains(d.Priority))
            Fail("priority", $"must be one of {string.Join(", ", Priorities)}");
        if (d.Touchpoint is { Length: > 128 }) Fail("touchpoint", "must be at most 128 characters");
        if (d.CustomerId is { Length: > 256 }) Fail("customer_id", "must be at most 256 characters");
        if (d.Segment is { Length: > 128 }) Fail("segment", "must be at most 128 characters");
        if (d.Metadata.Count > 50) Fail("metadata", "must have at most 50 entries");
        else if (d.Metadata.Any(kv => kv.Key.Length is 0 or > 64 || kv.Value.Length > 2048))
            Fail("metadata", "keys must be 1-64 characters and values at most 2048");
        var now = clock.GetUtcNow();
        if (d.OccurredAt is { } at && at > now.AddDays(1)) Fail("occurred_at", "must not be in the future");

        if (errors.Count > 0) throw new FeedbackValidationException(errors);

        return new FeedbackItem
        {
            FeedbackId = Guid.CreateVersion7(now),
            Source = d.Source!,
            ExternalId = string.IsNullOrEmpty(d.ExternalId) ? null : d.ExternalId,
            Channel = d.Channel!,
            Text = d.Text?.Trim() ?? "",
            Subject = Blank(d.Subject),
            Language = Blank(d.Language)?.ToLowerInvariant(),
            Stage = Blank(d.Stage),
            Touchpoint = Blank(d.Touchpoint),
            CustomerId = Blank(d.CustomerId),
            Segment = Blank(d.Segment),
            Priority = Blank(d.Priority),
            Scores = d.Scores,
            Metadata = d.Metadata,
            OccurredAt = d.OccurredAt,
            ReceivedAt = now,
        };

        void Range(string field, int? value, int min, int max)
        {
            if (value is { } v && (v < min || v > max)) Fail(field, $"must be between {min} and {max}");
        }
    }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]{0,63}$")]
    private static partial Regex SourcePattern();

    [GeneratedRegex("^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$")]
    private static partial Regex LanguagePattern();
}
