namespace JourneyFeedback.Aggregator;

/// <summary>The journey's stages, in order, and which stage a topic belongs to when nothing says otherwise.</summary>
public sealed record JourneyMap(IReadOnlyList<string> Stages, IReadOnlyDictionary<string, string> TopicStages)
{
    public static readonly JourneyMap Default = new(
        ["awareness", "consideration", "purchase", "retention", "advocacy"],
        new Dictionary<string, string>
        {
            ["ads_discovery"] = "awareness",
            ["website_usability"] = "consideration",
            ["product_information"] = "consideration",
            ["pricing_promotions"] = "consideration",
            ["checkout_payment"] = "purchase",
            ["delivery"] = "purchase",
            ["returns_refunds"] = "retention",
            ["billing"] = "retention",
            ["account_login"] = "retention",
            ["onboarding"] = "retention",
            ["product_quality"] = "retention",
            ["support_responsiveness"] = "retention",
            ["communication"] = "retention",
            ["loyalty_referral"] = "advocacy",
        });

    /// <summary>Where feedback lands when no rule and no model gives a stage.</summary>
    public string FallbackStage => Stages.Contains("retention") ? "retention" : Stages[^1];
}
