using System.Globalization;
using System.Text;
using System.Text.Json;

namespace JourneyFeedback.Ml;

/// <summary>
/// Word polarities from -5 to 5 (AFINN-165 and its translations, and English words only VADER rates). The
/// trainer derives it from the fetched lexicons and saves it beside the models, so training and prediction
/// read exactly the same words.
/// </summary>
public sealed class SentimentLexicon
{
    public const string FileName = "lexicon.tsv";

    private readonly Dictionary<string, int> _scores;

    /// <summary>
    /// General-purpose polarities that mislead in customer feedback, where these are the names of things and
    /// actions ("support is silent", "I was charged", "please cancel"), not feelings.
    /// </summary>
    private static readonly HashSet<string> NeutralInFeedback =
    [
        "support", "supported", "supporting", "supports", "care", "please", "like", "likes", "help", "helping", "free",
        "charge", "charged", "charges", "cancel", "cancelled", "canceled", "pay", "paid", "want", "wanted", "share",
        "shared", "top", "yes", "no", "credit", "order", "ordered", "account", "join", "joined",
    ];

    /// <summary>
    /// Words VADER rates out of context that in reviews and tickets are hedges, intensifiers or the names of
    /// things ("honestly the worst", "pretty bad", "a horror film", "the villain", "I hoped for more").
    /// </summary>
    private static readonly HashSet<string> VaderNotPolarInFeedback =
    [
        "honestly", "well", "sure", "pretty", "kind", "definitely", "friend", "friends", "hand", "hands", "value",
        "holiday", "original", "ready", "play", "plays", "played", "playing", "create", "created", "giving", "give",
        "security", "energy", "party", "horror", "villain", "villains", "killer", "hope", "hoped", "hoping",
        "credited", "screw", "screws", "treat", "special", "surprise", "surprised", "low", "fan", "fans", "god",
        "joke", "jokes", "comedy", "drama", "thriller", "romance", "fantasy", "kiss", "dead", "death", "war", "crime",
    ];

    private SentimentLexicon(Dictionary<string, int> scores) => _scores = scores;

    public static SentimentLexicon Empty { get; } = new([]);

    public int Count => _scores.Count;

    public int Score(string word) => _scores.GetValueOrDefault(word);

    /// <summary>
    /// AFINN-{lang}.json for each language and, after English, the words of vader_lexicon.txt that AFINN lacks
    /// (valence −4…4 scaled to AFINN's −5…5; words under 1 in magnitude are left out as too weak to count).
    /// </summary>
    public static SentimentLexicon FromLexicons(string directory, IEnumerable<string> languages)
    {
        var scores = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var lang in languages)
        {
            AddAfinn(scores, directory, lang);
            if (lang == "en") AddVader(scores, Path.Combine(directory, "vader_lexicon.txt"));
        }
        return new SentimentLexicon(scores);
    }

    private static void AddVader(Dictionary<string, int> scores, string path)
    {
        foreach (var line in File.ReadLines(Fetched(path), Encoding.UTF8))
        {
            if (line.Split('\t') is not [var raw, var mean, ..]) continue;
            var word = raw.Trim().ToLowerInvariant();
            if (!IsWord(word) || NeutralInFeedback.Contains(word) || VaderNotPolarInFeedback.Contains(word)
                || !double.TryParse(mean, NumberStyles.Float, CultureInfo.InvariantCulture, out var valence) || Math.Abs(valence) < 1) continue;
            scores.TryAdd(word, (int)Math.Clamp(Math.Round(valence * 1.25, MidpointRounding.AwayFromZero), -5, 5));
        }
    }

    private static void AddAfinn(Dictionary<string, int> scores, string directory, string lang)
    {
        using var doc = JsonDocument.Parse(File.ReadAllBytes(Fetched(Path.Combine(directory, $"AFINN-{lang}.json"))));
        foreach (var entry in doc.RootElement.EnumerateObject())
        {
            var word = entry.Name.Trim().ToLowerInvariant();
            if (entry.Value.ValueKind != JsonValueKind.Number || !IsWord(word) || NeutralInFeedback.Contains(word)) continue;
            // The first language listed wins a word two lexicons share.
            scores.TryAdd(word, Math.Clamp(entry.Value.GetInt32(), -5, 5));
        }
    }

    private static string Fetched(string path) => File.Exists(path)
        ? path
        : throw new FileNotFoundException($"Lexicon {path} is missing: run scripts/fetch-lexicons.sh (make train does).");

    public static SentimentLexicon Load(string directory)
    {
        var path = Path.Combine(directory, FileName);
        if (!File.Exists(path)) return Empty;
        var scores = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(path, Encoding.UTF8).Skip(1))
            if (line.Split('\t') is [var word, var score] && int.TryParse(score, CultureInfo.InvariantCulture, out var s))
                scores[word] = s;
        return new SentimentLexicon(scores);
    }

    public void Save(string directory)
    {
        var sb = new StringBuilder("word\tscore\n");
        foreach (var (word, score) in _scores.OrderBy(e => e.Key, StringComparer.Ordinal))
            sb.Append(word).Append('\t').Append(score.ToString(CultureInfo.InvariantCulture)).Append('\n');
        File.WriteAllText(Path.Combine(directory, FileName), sb.ToString(), new UTF8Encoding(false));
    }

    private static bool IsWord(string s) => s.Length >= 2 && s.All(c => char.IsLetter(c) || c is '\'' or '-');
}
