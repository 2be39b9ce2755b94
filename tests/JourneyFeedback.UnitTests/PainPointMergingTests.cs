using JourneyFeedback.Store;

namespace JourneyFeedback.UnitTests;

public class PainPointMergingTests
{
    private static Wording.Candidate Candidate(string id, string text, long count = 1, params string[] languages) =>
        new(id, count, Wording.Stems(text).ToHashSet(), languages.Length == 0 ? ["en"] : languages);

    [Fact]
    public void StemsIgnoreCaseDiacriticsShortWordsAndNumbers()
    {
        Assert.Equal(["przes", "spozn"], Wording.Stems("Przesyłka się SPÓŹNIA 12345"));
        Assert.Equal(["check", "rejec", "card"], Wording.Stems("The checkout is rejecting my card"));
    }

    [Fact]
    public void SimilarWordingJoinsThePainPoint()
    {
        var candidates = new[] { Candidate("a", "Password reset email never arrives"), Candidate("b", "Checkout keeps rejecting my card") };
        Assert.Equal("b", Wording.Choose(candidates, Wording.Stems("checkout rejected the card twice"), "en"));
    }

    [Fact]
    public void DifferentWordingInAKnownLanguageStartsANewPainPoint() =>
        Assert.Null(Wording.Choose([Candidate("a", "Password reset email never arrives")], Wording.Stems("App crashes on startup"), "en"));

    [Fact]
    public void AnUnseenLanguageJoinsTheLargestPainPointOfItsTopic()
    {
        var candidates = new[] { Candidate("a", "Parcel late", 2), Candidate("b", "Courier rude", 5) };
        Assert.Equal("b", Wording.Choose(candidates, Wording.Stems("Kurýr byl nepříjemný"), "cs"));
    }

    [Fact]
    public void TheMostSimilarPainPointWins()
    {
        var candidates = new[] { Candidate("a", "refund never arrived"), Candidate("b", "refund never arrived after return label printed") };
        Assert.Equal("b", Wording.Choose(candidates, Wording.Stems("return label printed, refund never arrived"), "en"));
    }

    [Fact]
    public void OverlapIsSharedStemsOverTheSmallerSet() =>
        Assert.Equal(0.5, Wording.Overlap(["a", "b"], new HashSet<string> { "a", "c", "d" }, 3));
}
