namespace JourneyFeedback.Contracts;

/// <summary>The kinds of feedback the system takes in.</summary>
public static class Channels
{
    public const string Ticket = "ticket";
    public const string Survey = "survey";
    public const string Review = "review";
    public const string Social = "social";

    public static readonly IReadOnlyList<string> All = [Ticket, Survey, Review, Social];

    public static bool IsKnown(string? channel) => channel is not null && All.Contains(channel);
}

/// <summary>Survey and rating scores a source supplied with the text.</summary>
public sealed record Scores(int? Nps = null, int? Csat = null, int? Ces = null, int? Rating = null);

/// <summary>One validated, accepted piece of feedback, as every later stage sees it.</summary>
public sealed record FeedbackItem
{
    public required Guid FeedbackId { get; init; }
    public required string Source { get; init; }
    public string? ExternalId { get; init; }
    public required string Channel { get; init; }
    public required string Text { get; init; }
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
    public required DateTimeOffset ReceivedAt { get; init; }
}
