using System.Text;

namespace JourneyFeedback.Store;

/// <summary>
/// How similar two mentions are, without knowing their language: lower-case, diacritics stripped, words of
/// four letters or more cut to their first five (a crude stem that serves English, Polish, Czech and
/// Lithuanian alike), compared as sets by the overlap coefficient |A∩B| / min(|A|, |B|).
/// </summary>
public static class Wording
{
    /// <summary>A mention joins a pain point whose words overlap its own at least this much.</summary>
    public const double MergeThreshold = 0.3;

    /// <summary>
    /// A pain point remembers the first this-many distinct stems of its mentions: enough for its usual wordings,
    /// few enough that a big pain point does not swallow unrelated mentions by sheer vocabulary.
    /// </summary>
    public const int MaxStems = 40;

    /// <summary>
    /// A mention is compared with at most this many pain points of its stage and topic, the most recently seen,
    /// so recording stays constant-time however many old pain points a topic gathers.
    /// </summary>
    public const int MaxCandidates = 100;

    // Latin letters with diacritics in Polish, Czech and Lithuanian (and the common Western ones), mapped by hand
    // because string normalisation is not available when the runtime runs without ICU.
    private const string Accented = "ąćęłńóśźżáčďéěíňřšťúůýžėįųūàâäçèêëîïôöùûüñõãåæøß";
    private const string Plain = "acelnoszzacdeeinrstuuyzeiuuaaaceeeiioouuunoaaaos";

    public static IReadOnlyList<string> Stems(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var raw in text)
        {
            var c = char.ToLowerInvariant(raw);
            var i = Accented.IndexOf(c);
            sb.Append(i >= 0 ? Plain[i] : char.IsLetterOrDigit(c) ? c : ' ');
        }
        return sb.ToString()
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Where(w => w.Length >= 4 && !w.All(char.IsDigit))
            .Select(w => w.Length > 5 ? w[..5] : w)
            .Distinct()
            .ToList();
    }

    public static double Overlap(IReadOnlyCollection<string> mention, IReadOnlyCollection<string> painPoint, int painPointSize)
    {
        if (mention.Count == 0 || painPointSize == 0) return 0;
        var shared = mention.Count(painPoint.Contains);
        return (double)shared / Math.Min(mention.Count, painPointSize);
    }

    /// <summary>
    /// Which pain point of the same stage and topic a mention joins: the most similar one at or above the
    /// threshold (ties to the one sharing more stems, then the lower id); else, when none of them has a mention
    /// in this language yet, the largest one (a different language cannot share words, and the topic model
    /// already agrees it is the same subject); else a new one.
    /// </summary>
    public static string? Choose(IReadOnlyList<Candidate> candidates, IReadOnlyCollection<string> stems, string language)
    {
        var best = candidates
            .Select(c => (c.Id, Score: Overlap(stems, c.Stems, c.Stems.Count), Shared: stems.Count(c.Stems.Contains)))
            .Where(c => c.Score >= MergeThreshold)
            .OrderByDescending(c => c.Score).ThenByDescending(c => c.Shared).ThenBy(c => c.Id, StringComparer.Ordinal)
            .FirstOrDefault();
        if (best.Id is not null) return best.Id;
        if (candidates.Count > 0 && candidates.All(c => !c.Languages.Contains(language)))
            return candidates.OrderByDescending(c => c.Count).ThenBy(c => c.Id, StringComparer.Ordinal).First().Id;
        return null;
    }

    public sealed record Candidate(string Id, long Count, IReadOnlyCollection<string> Stems, IReadOnlyCollection<string> Languages);
}
