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

    private static float[] Dense(HashedFeaturizer featurizer, string normalized) => featurizer.Featurize(normalized).DenseValues().ToArray();

    [Fact]
    public void WordsAfterButAreAlsoCountedApartToTheSentenceEnd()
    {
        // Words only, no pairs: without the scope the order of the words could not matter.
        var plain = new HashedFeaturizer(1, []);
        var scoped = new HashedFeaturizer(1, [], contrastWeight: 0.7f);
        Assert.Equal(Dense(plain, "clean but rude"), Dense(plain, "rude but clean"));
        Assert.NotEqual(Dense(scoped, "clean but rude"), Dense(scoped, "rude but clean"));
        // "fine" after the full stop is outside the scope, as it is when it comes first.
        Assert.Equal(Dense(scoped, "clean but rude . fine"), Dense(scoped, "fine . clean but rude"));
        Assert.NotEqual(Dense(scoped, "clean but rude , fine"), Dense(scoped, "fine , clean but rude"));
        // Polish, Czech and Lithuanian open it too.
        Assert.NotEqual(Dense(scoped, "tanio ale wolno"), Dense(scoped, "wolno ale tanio"));
        Assert.NotEqual(Dense(scoped, "levné však pomalé"), Dense(scoped, "pomalé však levné"));
        Assert.NotEqual(Dense(scoped, "pigu bet lėta"), Dense(scoped, "lėta bet pigu"));
    }

    [Fact]
    public void AConcessionRunsToTheNextComma()
    {
        var scoped = new HashedFeaturizer(1, [], contrastWeight: 0.7f);
        Assert.Equal(Dense(scoped, "although slow , good"), Dense(scoped, "good , although slow"));
        Assert.NotEqual(Dense(scoped, "although slow , good"), Dense(scoped, "although good , slow"));
        // A concession and a contrast are told apart.
        Assert.NotEqual(Dense(scoped, "although slow"), Dense(scoped, "but slow"));
    }

    [Fact]
    public void BlankTextNormalizesToEmpty() => Assert.Equal("", TextNormalizer.Normalize(" \t "));
}
