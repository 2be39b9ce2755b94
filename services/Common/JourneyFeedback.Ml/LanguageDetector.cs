namespace JourneyFeedback.Ml;

/// <summary>
/// Tells the language of a text from its function words and its letters. Returns "und" when the text
/// gives no evidence either way, so nothing downstream is scored on a guess.
/// </summary>
public static class LanguageDetector
{
    public const string Undetermined = "und";

    private static readonly Dictionary<string, HashSet<string>> StopWords = new()
    {
        ["en"] = ["the", "and", "is", "was", "it", "to", "my", "i", "you", "of", "for", "not", "this", "that", "with", "have", "but", "are", "on", "in", "so", "very", "no", "me", "your", "they", "we", "be", "can't", "don't", "its", "it's", "just", "again", "still", "ok", "okay", "thanks", "great", "good", "bad", "love", "never", "what", "why", "how", "too", "at", "all", "would"],
        ["pl"] = ["nie", "i", "w", "jest", "na", "się", "to", "że", "z", "do", "jak", "ale", "bardzo", "mi", "mnie", "już", "tak", "co", "był", "była", "było", "czy", "jestem", "polecam", "przez", "dla", "tylko", "po", "od", "za", "jeszcze", "dziękuję", "super", "niestety"],
        ["cs"] = ["je", "a", "to", "se", "na", "že", "v", "jsem", "s", "ale", "jak", "není", "bylo", "byl", "by", "mi", "mě", "co", "už", "velmi", "moc", "jsou", "pro", "ani", "také", "děkuji", "doporučuji", "bohužel", "nejsem", "spokojený", "ještě"],
        ["lt"] = ["ir", "yra", "buvo", "ne", "labai", "kad", "su", "man", "į", "bet", "tai", "jau", "dar", "kaip", "aš", "mano", "nėra", "gerai", "ačiū", "rekomenduoju", "nors", "visai", "užsakymas", "prekė", "kodėl"],
        ["de"] = ["der", "die", "das", "und", "ist", "nicht", "ich", "es", "zu", "mit", "sehr", "ein", "eine", "war", "aber", "auch", "sich", "bestellung", "danke", "leider"],
        ["es"] = ["el", "la", "de", "que", "y", "es", "no", "muy", "un", "una", "los", "por", "con", "pero", "mi", "lo", "para", "gracias", "pedido", "está"],
        ["fr"] = ["le", "la", "les", "de", "et", "est", "pas", "je", "un", "une", "très", "ne", "mais", "pour", "avec", "mon", "commande", "merci", "c'est", "du"],
    };

    private static readonly Dictionary<string, string> Letters = new()
    {
        ["pl"] = "ąęłńśźżć",
        ["cs"] = "řěůťďň",
        ["lt"] = "ėįųū",
        ["de"] = "äöüß",
        ["es"] = "ñ¿¡",
        ["fr"] = "àâçèêëîïôœù",
    };

    public static string Detect(string text)
    {
        if (string.IsNullOrWhiteSpace(text)) return Undetermined;
        var scores = StopWords.Keys.ToDictionary(k => k, _ => 0.0);
        var latin = 0;
        var other = 0;
        foreach (var c in text)
        {
            if (!char.IsLetter(c)) continue;
            if (c < 0x250) latin++; else other++;
            var lower = char.ToLowerInvariant(c);
            foreach (var (language, letters) in Letters)
                if (letters.Contains(lower)) scores[language] += 1.5;
        }
        if (other > latin) return ScriptLanguage(text);

        foreach (var token in text.ToLowerInvariant().Split([' ', ',', '.', '!', '?', ';', ':', '\t', '\n', '"', '(', ')'], StringSplitOptions.RemoveEmptyEntries))
            foreach (var (language, words) in StopWords)
                if (words.Contains(token)) scores[language] += 1;

        var best = scores.MaxBy(s => s.Value);
        if (best.Value > 0) return best.Key;
        // Latin letters and no evidence: a short English word such as "meh" or "wow" is far more likely
        // than anything else in this product's traffic, but only for plain ASCII.
        return text.All(c => c < 0x80) && latin > 0 ? "en" : Undetermined;
    }

    private static string ScriptLanguage(string text)
    {
        foreach (var c in text)
        {
            if (c is >= '\u0400' and <= '\u04FF') return "ru";
            if (c is >= '\u0370' and <= '\u03FF') return "el";
            if (c is >= '\u0600' and <= '\u06FF') return "ar";
            if (c is >= '\u3040' and <= '\u30FF') return "ja";
            if (c is >= '\u4E00' and <= '\u9FFF') return "zh";
            if (c is >= '\uAC00' and <= '\uD7AF') return "ko";
        }
        return Undetermined;
    }
}
