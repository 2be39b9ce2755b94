using System.Globalization;
using System.Text;
using System.Text.Json;

namespace JourneyFeedback.Ml;

/// <summary>
/// Word polarities from -5 to 5 (AFINN-165 and its translations, and English words only VADER rates). The
/// trainer derives it from the fetched lexicons and saves it beside the models, so training and prediction
/// read exactly the same words.
/// Polish, Czech and Lithuanian change a word's ending with case, gender and number, and their lexicons list
/// one form ("nádherný", not "nádherné" or "nádherným"); a word not listed as written is therefore also
/// looked up by its stem (see <see cref="Stem"/>), with and without diacritics, as customers often type
/// without them ("spatny").
/// </summary>
public sealed class SentimentLexicon
{
    public const string FileName = "lexicon.tsv";

    /// <summary>Languages whose lexicon words are also matched by stem.</summary>
    private static readonly HashSet<string> Inflecting = ["pl", "cs", "lt"];

    private readonly Dictionary<string, int> _scores;
    private readonly Dictionary<string, string> _languages;
    private readonly Dictionary<string, int> _stems;

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

    private SentimentLexicon(Dictionary<string, int> scores, Dictionary<string, string> languages)
    {
        (_scores, _languages) = (scores, languages);
        _stems = StemScores(scores, languages);
    }

    public static SentimentLexicon Empty { get; } = new([], []);

    public int Count => _scores.Count;

    /// <summary>Distinct stems of the inflecting languages' words, each matching all forms of its words.</summary>
    public int StemCount => _stems.Count;

    /// <summary>The word's polarity only as listed, 0 if not listed.</summary>
    public int ExactScore(string word) => _scores.GetValueOrDefault(word);

    /// <summary>The word's polarity as listed, else that of its stem, else that of its stem without diacritics; 0 if none.</summary>
    public int Score(string word)
    {
        if (_scores.TryGetValue(word, out var score)) return score;
        if (word.Length < 6 || _stems.Count == 0) return 0;
        var stem = Stem(word);
        if (stem.Length == word.Length && !TextNormalizer.HasDiacritics(word)) return 0;
        if (_stems.TryGetValue(stem, out score)) return score;
        return _stems.GetValueOrDefault(TextNormalizer.WithoutDiacritics(stem));
    }

    /// <summary>
    /// Stem → polarity for the words of the inflecting languages, under the stem as written and without
    /// diacritics. Stems shared by words of opposite polarity are dropped; otherwise the mean is kept.
    /// </summary>
    private static Dictionary<string, int> StemScores(Dictionary<string, int> scores, Dictionary<string, string> languages)
    {
        var sums = new Dictionary<string, (int Sum, int Count, bool Positive, bool Negative)>(StringComparer.Ordinal);
        foreach (var (word, language) in languages)
        {
            if (!Inflecting.Contains(language) || word.Length < 6) continue;
            var score = scores[word];
            var stem = Stem(word);
            var folded = TextNormalizer.WithoutDiacritics(stem);
            foreach (var key in stem == folded ? [stem] : new[] { stem, folded })
            {
                var (sum, count, positive, negative) = sums.GetValueOrDefault(key);
                sums[key] = (sum + score, count + 1, positive || score > 0, negative || score < 0);
            }
        }
        return sums.Where(e => !(e.Value.Positive && e.Value.Negative))
            .ToDictionary(e => e.Key, e => (int)Math.Round(e.Value.Sum / (double)e.Value.Count, MidpointRounding.AwayFromZero), StringComparer.Ordinal);
    }

    /// <summary>
    /// Endings of case, gender, number and degree in Polish, Czech and Lithuanian (after the light stemmers of
    /// Dolamic and Savoy for Czech and of the Snowball family), longer endings before the shorter ones they end with.
    /// </summary>
    private static readonly string[] Endings =
    [
        "iausias", "iausia", "iausiai", "esnis", "esnė", "atech", "ějších", "ejších", "ějším", "ější", "ejší", "ětem", "atům", "uose", "iems", "ioms",
        "ech", "ich", "ích", "ého", "ěmi", "emi", "ému", "ěte", "ěti", "iho", "ího", "ími", "imu", "ách", "ata", "aty", "ých", "ama", "ami", "ové",
        "ovi", "ými", "ymi", "ach", "ego", "emu", "ych", "iej", "oje", "ėje", "iai", "ias", "ius", "ių", "ais", "ose", "ams", "oms", "ims", "iam",
        "em", "es", "ém", "ím", "ům", "at", "ám", "os", "us", "ým", "mi", "ou", "ej", "ie", "ym", "im", "om", "ów", "ui", "as", "is", "ys", "ai",
        "ės", "ų", "ą", "ę", "į", "ė", "ū", "a", "e", "i", "o", "u", "y", "á", "é", "í", "ý", "ě",
    ];

    /// <summary>The word without its longest known ending, keeping at least five letters (shorter stems match unrelated words).</summary>
    internal static string Stem(string word)
    {
        if (word.Length == 0 || !EndingsByLastLetter.TryGetValue(word[^1], out var endings)) return word;
        foreach (var ending in endings)
            if (word.Length - ending.Length >= 5 && word.EndsWith(ending, StringComparison.Ordinal))
                return word[..^ending.Length];
        return word;
    }

    /// <summary>The endings by their last letter, in the order of <see cref="Endings"/>: most words are looked up, few end in one.</summary>
    private static readonly Dictionary<char, string[]> EndingsByLastLetter =
        Endings.GroupBy(e => e[^1]).ToDictionary(g => g.Key, g => g.ToArray());

    /// <summary>
    /// AFINN-{lang}.json for each language and, after English, the words of vader_lexicon.txt that AFINN lacks
    /// (valence −4…4 scaled to AFINN's −5…5; words under 1 in magnitude are left out as too weak to count).
    /// </summary>
    public static SentimentLexicon FromLexicons(string directory, IEnumerable<string> languages)
    {
        var scores = new Dictionary<string, int>(StringComparer.Ordinal);
        var origin = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var lang in languages)
        {
            AddAfinn(scores, directory, lang);
            if (lang == "en") AddVader(scores, Path.Combine(directory, "vader_lexicon.txt"));
            foreach (var word in scores.Keys) origin.TryAdd(word, lang);
        }
        return new SentimentLexicon(scores, origin);
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
        var languages = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(path, Encoding.UTF8).Skip(1))
        {
            var fields = line.Split('\t');
            if (fields.Length < 2 || !int.TryParse(fields[1], CultureInfo.InvariantCulture, out var s)) continue;
            scores[fields[0]] = s;
            if (fields.Length > 2) languages[fields[0]] = fields[2];
        }
        return new SentimentLexicon(scores, languages);
    }

    public void Save(string directory)
    {
        var sb = new StringBuilder("word\tscore\tlanguage\n");
        foreach (var (word, score) in _scores.OrderBy(e => e.Key, StringComparer.Ordinal))
            sb.Append(word).Append('\t').Append(score.ToString(CultureInfo.InvariantCulture)).Append('\t')
                .Append(_languages.GetValueOrDefault(word, "")).Append('\n');
        File.WriteAllText(Path.Combine(directory, FileName), sb.ToString(), new UTF8Encoding(false));
    }

    private static bool IsWord(string s) => s.Length >= 2 && s.All(c => char.IsLetter(c) || c is '\'' or '-');
}
