using JourneyFeedback.Ml;

namespace JourneyFeedback.UnitTests;

public class TextNormalizerTests
{
    [Theory]
    [InlineData("Not bad at all", "not neg_bad neg_at neg_all")]
    [InlineData("It wasn't good, but fine", "it wasn't neg_good , but fine")]
    [InlineData("no problems. great", "no neg_problems . great")]
    [InlineData("SOOOO slow!!!", "soo slow ! ! !")]
    public void NegationScopeAndRepeatsAreMarked(string input, string expected) =>
        Assert.Equal(expected, TextNormalizer.Normalize(input));

    [Theory]
    [InlineData("love it :)", "emo_pos")]
    [InlineData("broken again :(", "emo_neg")]
    [InlineData("thanks 😍", "emo_pos")]
    [InlineData("seriously 😡", "emo_neg")]
    public void EmoticonsAndEmojiBecomeTokens(string input, string token) =>
        Assert.Contains(token, TextNormalizer.Normalize(input).Split(' '));

    [Fact]
    public void NegatedWordsShareNoCharacterNgramWithTheWordItself()
    {
        static HashSet<int> Slots(string normalized) => [.. HashedFeaturizer.Text.Featurize(normalized).GetIndices().ToArray()];
        var plain = Slots("polecam");
        var negated = Slots("nie neg_polecam");
        // Without the negation's own seed, "neg_polecam" would share "olec", "leca", "ecam" and "cam " with "polecam".
        Assert.Empty(plain.Intersect(negated));
        // The n-grams of a word after the negation's scope are those it has alone.
        Assert.Subset(Slots("nie neg_polecam , sklep"), Slots("sklep"));
    }

    [Fact]
    public void BlankTextNormalizesToEmpty() => Assert.Equal("", TextNormalizer.Normalize(" \t "));
}
