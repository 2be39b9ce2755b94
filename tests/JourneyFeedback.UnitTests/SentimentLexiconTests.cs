using JourneyFeedback.Ml;

namespace JourneyFeedback.UnitTests;

public sealed class SentimentLexiconTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("jf-lexicon-").FullName;

    public SentimentLexiconTests()
    {
        File.WriteAllText(Path.Combine(_dir, "AFINN-en.json"), """{ "bad": -3, "lovely": 3 }""");
        File.WriteAllText(Path.Combine(_dir, "vader_lexicon.txt"), "superb\t3.1\t0.5\t[3]\n");
        File.WriteAllText(Path.Combine(_dir, "AFINN-cs.json"), """{ "nádherný": 5, "špatný": -2, "spokojený": 2, "podlý": -3, "podle": 1 }""");
        File.WriteAllText(Path.Combine(_dir, "AFINN-pl.json"), """{ "świetny": 3, "okropny": -3, "nie": -2 }""");
        File.WriteAllText(Path.Combine(_dir, "AFINN-lt.json"), """{ "nuostabus": 3 }""");
    }

    private SentimentLexicon Lexicon() => SentimentLexicon.FromLexicons(_dir, ["en", "pl", "cs", "lt"]);

    [Theory]
    [InlineData("nádherné", 5)]
    [InlineData("nádherným", 5)]
    [InlineData("špatného", -2)]
    [InlineData("spatne", -2)]
    [InlineData("spokojená", 2)]
    [InlineData("świetnie", 3)]
    [InlineData("swietna", 3)]
    [InlineData("okropnego", -3)]
    [InlineData("nuostabiai", 3)]
    public void InflectedAndUnaccentedFormsOfListedWordsScoreLikeThem(string word, int expected) =>
        Assert.Equal(expected, Lexicon().Score(word));

    [Theory]
    [InlineData("Nie polecam", "nie neg_polecam")]
    [InlineData("nie świetny", "nie neg_świetny lex_neg2")]
    [InlineData("Okropny", "okropny lex_neg2")]
    public void ANegatorListedInALexiconOnlyFlipsWhatFollows(string text, string expected) =>
        Assert.Equal(expected, TextNormalizer.Normalize(text, Lexicon()));

    [Theory]
    [InlineData("bad", -3)]
    [InlineData("superb", 4)]
    [InlineData("badly", 0)]
    [InlineData("lovelyness", 0)]
    [InlineData("table", 0)]
    public void EnglishIsMatchedAsListed(string word, int expected) => Assert.Equal(expected, Lexicon().Score(word));

    [Fact]
    public void AStemSharedByWordsOfOppositePolarityScoresNothing()
    {
        File.WriteAllText(Path.Combine(_dir, "AFINN-pl.json"), """{ "zabawny": 3, "zabawna": -2 }""");
        var lexicon = Lexicon();
        Assert.Equal(3, lexicon.Score("zabawny"));
        Assert.Equal(0, lexicon.Score("zabawne"));
    }

    [Fact]
    public void SavedAndLoadedLexiconMatchesTheSameForms()
    {
        var lexicon = Lexicon();
        var models = Path.Combine(_dir, "models");
        Directory.CreateDirectory(models);
        lexicon.Save(models);
        var loaded = SentimentLexicon.Load(models);
        Assert.Equal(lexicon.Count, loaded.Count);
        Assert.Equal(lexicon.StemCount, loaded.StemCount);
        foreach (var word in new[] { "nádherné", "spatne", "świetnie", "nuostabiai", "bad", "table" })
            Assert.Equal(lexicon.Score(word), loaded.Score(word));
    }

    [Fact]
    public void NormalizedTextCarriesThePolarityOfInflectedWords() =>
        Assert.Equal("jídlo bylo nádherné lex_pos2", TextNormalizer.Normalize("Jídlo bylo nádherné", Lexicon()));

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
