namespace JourneyFeedback.Ml;

/// <summary>The default topics and journey stages the bundled models are trained on.</summary>
public static class Taxonomy
{
    public const string GeneralTopic = "general";

    public static readonly IReadOnlyList<string> Topics =
    [
        "ads_discovery", "website_usability", "product_information", "pricing_promotions",
        "checkout_payment", "delivery", "returns_refunds", "billing", "account_login", "onboarding",
        "product_quality", "support_responsiveness", "communication", "loyalty_referral", GeneralTopic,
    ];

    public static readonly IReadOnlyList<string> Stages = ["awareness", "consideration", "purchase", "retention", "advocacy"];

    public static readonly IReadOnlyList<string> Sentiments = ["negative", "neutral", "positive"];
}
