using JourneyFeedback.Ml;

namespace JourneyFeedback.UnitTests;

/// <summary>The words-and-counts file that tells short texts apart, read back as the trainer writes it.</summary>
public sealed class LanguageVocabularyTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"jf-words-{Guid.NewGuid():N}.tsv");

    public void Dispose() => File.Delete(_path);

    [Fact]
    public void CountsAreReadAndAWordWithoutOneCountsOnce()
    {
        File.WriteAllText(_path, "en\tok:30 nice:12 job\npl\tok:3 spoko:20 super:1:2\n");
        var words = LanguageIdentifier.ReadVocabulary(_path);

        Assert.Equal(["en", "pl"], words.Keys.Order());
        Assert.True(words["en"].Contains("job"));
        Assert.False(words["en"].Contains("spoko"));
        // "super:1:2" is the word "super:1" seen twice: only the last colon separates a count.
        Assert.True(words["pl"].Contains("super:1"));
        // 30 of 43 English words are "ok", 3 of 25 Polish ones: more frequent in English, so a lower cost there.
        Assert.True(words["en"].LogFrequency("ok") > words["pl"].LogFrequency("ok"));
        Assert.True(words["pl"].LogFrequency("spoko") > words["en"].LogFrequency("spoko"));
        // A word seen once is more likely than one never seen, and "job" (no count) was seen once.
        Assert.True(words["en"].LogFrequency("job") > words["en"].LogFrequency("spoko"));
        Assert.InRange(Math.Exp(words["en"].LogFrequency("ok")), 0.6, 0.75);
    }

    [Fact]
    public void AMissingFileMeansNoVocabulary() =>
        Assert.Empty(LanguageIdentifier.ReadVocabulary(_path));
}
