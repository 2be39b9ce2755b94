using System.Text;
using System.Text.Json;
using Microsoft.ML;

namespace JourneyFeedback.Ml;

/// <summary>
/// Tells the language of a text with a character n-gram model trained on the corpus (en, pl, cs, lt), on
/// sentences of other languages (data/langid), on the fetched word lists and on the Universal Declaration of
/// Human Rights in each language; other scripts are told by their letters. Answers "und" when the
/// text has too few letters or the model is unsure, so nothing downstream is scored on a guess.
/// </summary>
public sealed class LanguageIdentifier
{
    public const string Undetermined = "und";
    public const string FileName = "language.zip";

    /// <summary>
    /// The words each language's training text used and how often, one line per language: "en\tword:count word:count …"
    /// (a word without a count counts once).
    /// </summary>
    public const string WordsFileName = "language-words.tsv";

    /// <summary>Texts of up to this many words are also judged by which languages know all their words.</summary>
    private const int ShortTextWords = 6;
    private const double ScoredConfidence = 0.3;
    private const double OtherConfidence = 0.6;
    private const double PlausibleScored = 0.15;

    /// <summary>Longer runs of letters are not words (the longest common compounds of these languages stay under it).</summary>
    private const int MaxWordLength = 40;

    /// <summary>
    /// Feedback arrives mostly in the languages the models score; the model, trained on a mix where the other
    /// languages are well represented, is told so. Chosen on the held-out split: at 2, held-out en/pl/cs/lt texts
    /// of 20+ characters are told right 98.8 % of the time (97.7 % at 1), texts of other languages 84.6 %.
    /// </summary>
    private const double ScoredPrior = 2;

    private readonly TextClassifier _model;
    private readonly IReadOnlySet<string> _scored;
    private readonly IReadOnlyDictionary<string, Vocabulary> _words;

    private LanguageIdentifier(TextClassifier model, IReadOnlySet<string> scored, IReadOnlyDictionary<string, Vocabulary> words) =>
        (_model, _scored, _words) = (model, scored, words);

    /// <param name="scored">The languages the other models score: short, ambiguous texts lean towards them.</param>
    public static LanguageIdentifier Load(MLContext ml, string modelDirectory, IReadOnlySet<string> scored) =>
        new(TextClassifier.Load(ml, Path.Combine(modelDirectory, FileName), HashedFeaturizer.Language), scored,
            ReadVocabulary(Path.Combine(modelDirectory, WordsFileName)));

    /// <summary>
    /// A scored language wins from 0.3; another language only when the model is sure (0.6), since calling a
    /// customer's text foreign hides it from every score. Otherwise a scored language that is still plausible
    /// (0.15) is taken, as most traffic is in the configured languages, and failing that "und".
    /// </summary>
    public (string Language, double Confidence) Identify(string text)
    {
        int letters = 0, latin = 0, inWords = 0, run = 0;
        foreach (var c in text.Length > 2000 ? text[..2000] : text)
        {
            if (!char.IsLetter(c))
            {
                if (run <= MaxWordLength) inWords += run;
                run = 0;
                continue;
            }
            letters++;
            run++;
            if (c < 0x250) latin++;
        }
        if (run <= MaxWordLength) inWords += run;
        // Letters that do not form words of any language ("xxxxxxxx…", a hash, a base64 blob) tell no language.
        if (letters < 2 || inWords * 2 < letters) return (Undetermined, 0);
        if (latin * 2 < letters) return (ScriptLanguage(text), 0.9);

        // The model's probabilities with the scored languages counted ScoredPrior times as likely a priori (Bayes'
        // rule with the traffic's prior instead of the training mix), renormalised.
        var (best, bestP, bestScored, bestScoredP, total) = ("", -1.0, "", -1.0, 0.0);
        var prepared = Prepare(text);
        var probabilities = _model.Predict(prepared).Probabilities;
        foreach (var (language, probability) in probabilities)
        {
            var scored = _scored.Contains(language);
            var p = probability * (scored ? ScoredPrior : 1);
            total += p;
            if (p > bestP) (best, bestP) = (language, p);
            if (scored && p > bestScoredP) (bestScored, bestScoredP) = (language, p);
        }
        if (total <= 0) return (Undetermined, 0);
        (bestP, bestScoredP) = (bestP / total, bestScoredP / total);
        if (_scored.Contains(best) ? bestP >= ScoredConfidence : bestP >= OtherConfidence) return ByWords(prepared, (best, bestP), probabilities, total);
        return ByWords(prepared, bestScoredP >= PlausibleScored ? (bestScored, bestScoredP) : (Undetermined, bestP), probabilities, total);
    }

    /// <summary>
    /// A few words carry too few letters for the n-gram model: "Terrible app" and "Excellent product" look French
    /// to it. A short text that the model gives to another language (or to none), but whose words are all words of
    /// a scored language, and no fewer of them words of the model's choice, is taken as that scored language
    /// ("Service client nul" stays French: "nul" is no English word). The other way round, a short text leant
    /// towards a scored language none of whose words it uses, while half or more are another language's, goes to
    /// that language. Measured on held-out texts cut to 2–3 words: scored languages told right 85 → 93 %, other
    /// languages 43 → 55 %. Among the scored languages, the words' frequency in each decides with the model's
    /// probability as the prior: held-out en/pl/cs/lt texts cut to 1, 2 and 3 words were told right 85.8, 90.4 and
    /// 95.1 % of the time when any scored language that knew a word kept the text, and 91.8, 96.1 and 98.8 % this way.
    /// </summary>
    private (string Language, double Confidence) ByWords(string prepared, (string Language, double Confidence) decided,
        IReadOnlyDictionary<string, double> probabilities, double total)
    {
        // Prepared text is single-spaced with a space at each end: a short text has few spaces.
        if (_words.Count == 0 || prepared.AsSpan().Count(' ') > ShortTextWords + 1) return decided;
        var words = prepared.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 0) return decided;
        int Known(string language) => _words.TryGetValue(language, out var known) ? words.Count(known.Contains) : 0;
        var decidedKnown = Known(decided.Language);
        if (_scored.Contains(decided.Language))
        {
            // The lean towards the scored languages, undone when none of the words is theirs but half or more are
            // another's ("Das Paket kam zu spät").
            if (decidedKnown == 0)
            {
                var (other, otherKnown) = _words.Keys.Where(l => !_scored.Contains(l)).Select(l => (l, Known(l))).MaxBy(x => x.Item2);
                if (otherKnown * 2 >= words.Length) return (other, probabilities.GetValueOrDefault(other) / total);
            }

            // Which covered language: the model's probability times how often each language uses the words, so "nice"
            // and "good job", which the character model took for Czech and Polish, are English.
            var (chosen, chosenScore, chosenP) = (decided.Language, double.NegativeInfinity, decided.Confidence);
            foreach (var language in _scored)
            {
                if (!_words.TryGetValue(language, out var vocabulary)) continue;
                var p = probabilities.GetValueOrDefault(language) * ScoredPrior / total;
                var score = Math.Log(Math.Max(p, 1e-9));
                foreach (var word in words) score += vocabulary.LogFrequency(word);
                if (score > chosenScore) (chosen, chosenScore, chosenP) = (language, score, p);
            }
            return (chosen, chosenP);
        }
        var (best, bestKnown, bestP) = ("", -1, 0.0);
        foreach (var language in _scored)
        {
            var known = Known(language);
            var p = probabilities.GetValueOrDefault(language) * ScoredPrior / total;
            if (known > bestKnown || (known == bestKnown && p > bestP)) (best, bestKnown, bestP) = (language, known, p);
        }
        return bestKnown == words.Length && bestKnown >= decidedKnown ? (best, bestP) : decided;
    }

    /// <summary>How often each word occurred in a language's running text, kept as the log of its relative frequency.</summary>
    internal sealed class Vocabulary
    {
        private readonly Dictionary<string, float> _logFrequencies;
        private readonly float _unseen;

        public Vocabulary(IReadOnlyDictionary<string, int> counts)
        {
            // An unseen word counts as half an occurrence.
            var total = counts.Values.Sum(c => (double)c) + 0.5 * (counts.Count + 1);
            _logFrequencies = new Dictionary<string, float>(counts.Count, StringComparer.Ordinal);
            foreach (var (word, count) in counts) _logFrequencies[word] = (float)Math.Log((count + 0.5) / total);
            _unseen = (float)Math.Log(0.5 / total);
        }

        public bool Contains(string word) => _logFrequencies.ContainsKey(word);

        public double LogFrequency(string word) => _logFrequencies.GetValueOrDefault(word, _unseen);
    }

    /// <summary>What the model reads: lower-case letters and spaces, nothing the languages share (digits, emoji, punctuation).</summary>
    internal static string Prepare(string text)
    {
        // The first few hundred characters tell the language as well as the whole text does.
        var sb = new StringBuilder(Math.Min(text.Length, 300) + 2).Append(' ');
        var space = true;
        foreach (var c in text.Length > 300 ? text[..300] : text)
        {
            if (char.IsLetter(c) || c == '\'')
            {
                sb.Append(char.ToLowerInvariant(c));
                space = false;
            }
            else if (!space)
            {
                sb.Append(' ');
                space = true;
            }
        }
        return space ? sb.ToString() : sb.Append(' ').ToString();
    }

    private static string ScriptLanguage(string text)
    {
        foreach (var c in text)
        {
            switch (c)
            {
                case >= '\u0400' and <= '\u04FF': return "ru";
                case >= '\u0370' and <= '\u03FF': return "el";
                case >= '\u0590' and <= '\u05FF': return "he";
                case >= '\u0600' and <= '\u06FF': return "ar";
                case >= '\u0E00' and <= '\u0E7F': return "th";
                case >= '\u3040' and <= '\u30FF': return "ja";
                case >= '\uAC00' and <= '\uD7AF': return "ko";
                case >= '\u4E00' and <= '\u9FFF': return "zh";
            }
        }
        return Undetermined;
    }

    /// <summary>
    /// Trains on corpus texts plus pseudo-sentences from word lists; word-list entries that are English
    /// words (machine translation leaves many) are dropped from the other languages.
    /// </summary>
    /// <returns>The accuracy on held-out texts of 20+ characters, then on held-out texts cut to one, two and three words.</returns>
    public static IReadOnlyList<ModelReport> Train(IReadOnlyList<CorpusRow> train, IReadOnlyList<CorpusRow> heldOut,
        string lexiconDirectory, IReadOnlyList<string> extraLanguages, string? sentenceDirectory, string modelPath, int seed)
    {
        var examples = train.Select(r => new LabelledText(Prepare(r.Text), r.Language)).ToList();
        // Sentences of languages the models do not score (data/langid/<code>.txt), split like the corpus.
        var sentences = ReadSentences(sentenceDirectory);
        var (sentencesTrain, sentencesHeldOut) = Corpus.Split(sentences);
        examples.AddRange(sentencesTrain.Select(r => new LabelledText(Prepare(r.Text), r.Language)));
        // Customers often type without diacritics ("nejsem spokojeny"): every corpus text and sentence that has some
        // is also learnt without.
        examples.AddRange([.. examples.Select(e => e with { Text = TextNormalizer.WithoutDiacritics(e.Text) }).Where((folded, i) => folded.Text != examples[i].Text)]);
        heldOut = [.. heldOut, .. sentencesHeldOut];
        extraLanguages = [.. extraLanguages.Union(sentences.Select(r => r.Language))];

        var english = ReadWords(Path.Combine(lexiconDirectory, "AFINN-en.json")).ToHashSet();
        foreach (var lang in train.Select(r => r.Language).Distinct().Concat(extraLanguages).Distinct())
        {
            var words = ReadWords(Path.Combine(lexiconDirectory, $"AFINN-{lang}.json"))
                .Where(w => lang == "en" || !english.Contains(w))
                .ToList();
            var random = new Random(seed);
            words = [.. words.OrderBy(_ => random.Next())];
            for (var i = 0; i < words.Count; i += 6)
                examples.Add(new LabelledText(Prepare(string.Join(' ', words.Skip(i).Take(6))), lang, TextSource.WordList));

            // Function words and the most frequent letter trigrams carry what word lists of emotions lack.
            var stopwords = ReadQuoted(Path.Combine(lexiconDirectory, $"stopwords-{lang}.js")).ToList();
            for (var i = 0; i < stopwords.Count; i += 5)
                examples.Add(new LabelledText(Prepare(string.Join(' ', stopwords.Skip(i).Take(5))), lang, TextSource.WordList));
            var trigrams = ReadTrigrams(Path.Combine(lexiconDirectory, $"trigrams-{lang}.js"));
            for (var i = 0; i < trigrams.Count; i += 10)
                for (var copies = trigrams.Count - i; copies > 0; copies -= 60)
                    examples.Add(new LabelledText(Prepare(string.Join(' ', trigrams.Skip(i).Take(10))), lang, TextSource.WordList));

            // Real sentences in every language (the Universal Declaration of Human Rights), so the languages known
            // only from word lists and a few sentences are also seen as running text. (Cut into three-word pieces
            // they taught the model that short text is foreign: held-out en/pl/cs/lt fell to 87 %.)
            foreach (var sentence in ReadDeclaration(Path.Combine(lexiconDirectory, $"udhr-{lang}.html")))
                examples.Add(new LabelledText(Prepare(sentence), lang));
        }

        // The words of each language's running text (corpus, sentences, declaration; not the word lists, whose
        // translations include English words), without diacritics too, for short texts (see ByWords).
        var counts = examples.Where(e => e.Source == TextSource.Running)
            .GroupBy(e => e.Label)
            .ToDictionary(g => g.Key, g => g.SelectMany(e => e.Text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                .GroupBy(w => w, StringComparer.Ordinal).ToDictionary(w => w.Key, w => w.Count(), StringComparer.Ordinal));
        var vocabulary = counts.ToDictionary(c => c.Key, c => new Vocabulary(c.Value));
        WriteVocabulary(Path.Combine(Path.GetDirectoryName(Path.GetFullPath(modelPath))!, WordsFileName), counts);

        var ml = new MLContext(seed);
        var featurizer = HashedFeaturizer.Language;
        var data = ml.Data.LoadFromEnumerable(examples.Select(e => new FeatureInput { Features = featurizer.Featurize(e.Text), Label = e.Label }));
        var model = ModelTrainer.BuildLanguagePipeline(ml, iterations: 50).Fit(data);
        ml.Model.Save(model, data.Schema, modelPath);

        var scored = train.Select(r => r.Language).ToHashSet();
        var identifier = new LanguageIdentifier(new TextClassifier(model, data.Schema, featurizer), scored, vocabulary);
        List<ModelReport> reports =
        [
            ModelReport.FromPairs("language", heldOut.Where(r => r.Text.Length >= 20).Select(r => (r.Language, identifier.Identify(r.Text).Language))),
        ];
        // Feedback is often a word or two ("super", "nie polecam"): the covered languages' held-out texts cut to their
        // first one, two and three words (of three letters or more in all).
        foreach (var count in (int[])[1, 2, 3])
            reports.Add(ModelReport.FromPairs($"language (held-out texts cut to {count} word{(count == 1 ? "" : "s")})", heldOut
                .Where(r => scored.Contains(r.Language))
                .Select(r => (r.Language, Text: FirstWords(r.Text, count)))
                .Where(r => r.Text is not null && r.Text.Length >= 3)
                .Select(r => (r.Language, identifier.Identify(r.Text!).Language))));
        return reports;
    }

    /// <summary>The text's first <paramref name="count"/> words (runs of letters), or null when it has fewer.</summary>
    private static string? FirstWords(string text, int count)
    {
        var words = System.Text.RegularExpressions.Regex.Matches(text, @"\p{L}+").Take(count).Select(m => m.Value).ToList();
        return words.Count < count ? null : string.Join(' ', words);
    }

    private static void WriteVocabulary(string path, IReadOnlyDictionary<string, Dictionary<string, int>> counts)
    {
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false));
        foreach (var (language, words) in counts.OrderBy(v => v.Key, StringComparer.Ordinal))
            writer.Write($"{language}\t{string.Join(' ', words.OrderBy(w => w.Key, StringComparer.Ordinal).Select(w => $"{w.Key}:{w.Value}"))}\n");
    }

    internal static Dictionary<string, Vocabulary> ReadVocabulary(string path)
    {
        var vocabularies = new Dictionary<string, Vocabulary>();
        if (!File.Exists(path)) return vocabularies;
        foreach (var line in File.ReadLines(path))
        {
            var tab = line.IndexOf('\t');
            if (tab <= 0) continue;
            var counts = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var entry in line[(tab + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var (word, count) = ParseCount(entry);
                counts[word] = counts.GetValueOrDefault(word) + count;
            }
            vocabularies[line[..tab]] = new Vocabulary(counts);
        }
        return vocabularies;
    }

    private static (string Word, int Count) ParseCount(string entry)
    {
        var colon = entry.LastIndexOf(':');
        return colon > 0 && int.TryParse(entry.AsSpan(colon + 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var count) && count > 0
            ? (entry[..colon], count)
            : (entry, 1);
    }

    private static List<CorpusRow> ReadSentences(string? directory)
    {
        if (directory is null || !Directory.Exists(directory)) return [];
        return [.. Directory.EnumerateFiles(directory, "*.txt").Order(StringComparer.Ordinal)
            .SelectMany(f => File.ReadLines(f).Where(l => l.Trim().Length > 0)
                .Select(l => new CorpusRow(l.Trim(), "", "", "", "", Path.GetFileNameWithoutExtension(f))))];
    }

    /// <summary>The sentences of a declaration page of the udhr package: paragraph and heading text, split at sentence ends and semicolons.</summary>
    private static IEnumerable<string> ReadDeclaration(string path)
    {
        if (!File.Exists(path)) return [];
        return System.Text.RegularExpressions.Regex.Matches(File.ReadAllText(path), @"<(p|h[1-4]|li)>(.*?)</\1>", System.Text.RegularExpressions.RegexOptions.Singleline)
            .Select(m => System.Net.WebUtility.HtmlDecode(System.Text.RegularExpressions.Regex.Replace(m.Groups[2].Value, "<[^>]+>", " ")))
            .SelectMany(p => System.Text.RegularExpressions.Regex.Split(p, @"(?<=[.;:!?])\s+"))
            .Select(t => t.Trim())
            .Where(t => t.Count(char.IsLetter) >= 10);
    }

    /// <summary>The 300 most frequent trigrams of a language, most frequent first (a franc profile).</summary>
    private static List<string> ReadTrigrams(string path)
    {
        if (!File.Exists(path)) return [];
        var match = System.Text.RegularExpressions.Regex.Match(File.ReadAllText(path), @"addModel\(\s*'[^']*',\s*'[a-z]{3}',\s*'([^']*)'");
        if (!match.Success) return [];
        var profile = match.Groups[1].Value;
        return [.. Enumerable.Range(0, profile.Length / 3).Select(i => profile.Substring(i * 3, 3))];
    }

    private static IEnumerable<string> ReadQuoted(string path) =>
        File.Exists(path)
            ? System.Text.RegularExpressions.Regex.Matches(File.ReadAllText(path), @"'([^'\s]{1,20})'").Select(m => m.Groups[1].Value)
                .Where(w => w.All(char.IsLetter))
            : [];

    private static IEnumerable<string> ReadWords(string path)
    {
        if (!File.Exists(path)) yield break;
        using var doc = JsonDocument.Parse(File.ReadAllBytes(path));
        foreach (var entry in doc.RootElement.EnumerateObject())
        {
            var w = entry.Name.Trim().ToLowerInvariant();
            if (w.Length >= 2 && w.All(c => char.IsLetter(c) || c is ' ' or '\'' or '-')) yield return w;
        }
    }
}

internal enum TextSource { Running, WordList }

internal sealed record LabelledText(string Text, string Label, TextSource Source = TextSource.Running);
