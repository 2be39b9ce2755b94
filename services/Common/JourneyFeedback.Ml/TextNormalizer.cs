using System.Text;

namespace JourneyFeedback.Ml;

/// <summary>
/// Turns raw customer text into what the models read, at training and at prediction alike, in one pass:
/// lower case, emoticons and emoji as tokens (emo_pos, emo_neg, emo_laugh), letters repeated 3+ times
/// squeezed ("soooo" → "soo"), and words after a negator marked until the next punctuation or contrast word
/// ("not bad" → "not neg_bad"), so the models can learn that negated words flip. With a lexicon, each polar
/// word is followed by a polarity token (lex_pos, lex_neg, or lex_pos2 / lex_neg2 for strong words), flipped
/// under negation: the models then generalise from words the corpus never used to ones the lexicon knows.
/// </summary>
public static class TextNormalizer
{
    public const int Version = 6;
    private const int MaxLength = 4000;

    private static readonly HashSet<string> Negators =
    [
        "not", "no", "never", "nothing", "nobody", "none", "nowhere", "neither", "nor", "without", "hardly",
        "cannot", "cant", "can't", "dont", "don't", "doesnt", "doesn't", "didnt", "didn't", "isnt", "isn't",
        "wasnt", "wasn't", "arent", "aren't", "werent", "weren't", "wont", "won't", "wouldnt", "wouldn't",
        "couldnt", "couldn't", "shouldnt", "shouldn't", "havent", "haven't", "hasnt", "hasn't", "aint", "ain't",
        "nie", "ani", "nigdy", "nic", "ne", "nikdy", "není", "nejsem", "nebyl", "nebylo", "nei", "niekada", "nėra",
        "nein", "kein", "keine", "nicht", "pas", "nunca", "jamás",
    ];

    private static readonly HashSet<string> ContrastWords =
        ["but", "however", "although", "though", "yet", "ale", "jednak", "chociaż", "však", "ačkoli", "bet", "tačiau", "nors", "aber", "pero", "mais"];

    /// <summary>Words of repetition that, next to praise, usually mean the praise is sarcastic ("Great, another…").</summary>
    private static readonly HashSet<string> RepeatCues =
    [
        "again", "another", "twice", "third", "yet", "still", "znowu", "znów", "kolejny", "kolejna", "ponownie", "zase", "opět",
        "znovu", "potřetí", "další", "vėl", "dar", "trečią", "antrą",
    ];

    private static readonly (string Text, string Token)[] Emoticons =
    [
        (":-)", "emo_pos"), (":)", "emo_pos"), (":-D", "emo_pos"), (":D", "emo_pos"), (";-)", "emo_pos"), (";)", "emo_pos"),
        (":-P", "emo_pos"), (":P", "emo_pos"), ("<3", "emo_pos"), ("(:", "emo_pos"), ("^_^", "emo_pos"),
        (":'(", "emo_neg"), (">:(", "emo_neg"), (":-(", "emo_neg"), (":(", "emo_neg"), (":-/", "emo_neg"), (":/", "emo_neg"), ("):", "emo_neg"),
    ];

    public static string Normalize(string text) => Normalize(text, SentimentLexicon.Empty);

    public static string Normalize(string text, SentimentLexicon lexicon)
    {
        if (string.IsNullOrWhiteSpace(text)) return "";
        var s = text.Length > MaxLength ? text.AsSpan(0, MaxLength) : text.AsSpan();
        var sb = new StringBuilder(s.Length + 32);
        var word = new StringBuilder(32);
        var negating = false;
        var cues = new Cues();

        for (var i = 0; i < s.Length;)
        {
            var c = s[i];
            if (char.IsWhiteSpace(c)) { i++; continue; }

            if (IsWordChar(c))
            {
                word.Clear();
                for (; i < s.Length && IsWordChar(s[i]); i++)
                {
                    var lower = s[i] == '’' ? '\'' : char.ToLowerInvariant(s[i]);
                    // Squeeze a letter repeated three or more times down to two.
                    if (char.IsLetter(lower) && word.Length >= 2 && word[^1] == lower && word[^2] == lower) continue;
                    word.Append(lower);
                }
                EmitWord(word.ToString(), sb, lexicon, ref negating, ref cues);
                continue;
            }

            if ((i == 0 || !char.IsLetterOrDigit(s[i - 1])) && MatchEmoticon(s[i..]) is { } emoticon)
            {
                sb.Append(emoticon.Token).Append(' ');
                i += emoticon.Text.Length;
                continue;
            }

            if (System.Text.Rune.DecodeFromUtf16(s[i..], out var rune, out var consumed) == System.Buffers.OperationStatus.Done
                && EmojiToken(rune.Value) is { } emoji)
            {
                sb.Append(emoji).Append(' ');
                i += consumed;
                continue;
            }

            // Any other punctuation or symbol ends a negation's scope.
            negating = false;
            sb.Append(s.Slice(i, consumed > 0 ? consumed : 1)).Append(' ');
            i += consumed > 0 ? consumed : 1;
        }
        // Praise next to a repetition ("Oh wonderful, locked out again") is flagged for the models to weigh.
        if (cues.Praise && cues.Repeat) sb.Append("sarc_cue");
        return sb.ToString().TrimEnd();
    }

    private struct Cues
    {
        public bool Praise;
        public bool Repeat;
    }

    private static void EmitWord(string token, StringBuilder sb, SentimentLexicon lexicon, ref bool negating, ref Cues cues)
    {
        if (RepeatCues.Contains(token)) cues.Repeat = true;
        if (ContrastWords.Contains(token))
        {
            negating = false;
            sb.Append(token).Append(' ');
            return;
        }
        var isNegator = Negators.Contains(token) || token.EndsWith("n't", StringComparison.Ordinal);
        var negated = negating && !isNegator;
        if (negated) sb.Append("neg_");
        sb.Append(token).Append(' ');
        // A negator is no opinion of its own (the Polish lexicon lists "nie" as negative): it only flips what follows.
        if (!isNegator && lexicon.Score(token) is var score and not 0)
        {
            if (negated) score = -score;
            if (score > 0) cues.Praise = true;
            sb.Append(score > 0 ? "lex_pos" : "lex_neg").Append(Math.Abs(score) >= 3 ? "2 " : " ");
        }
        if (isNegator) negating = true;
    }

    /// <summary>True when the text has any character outside ASCII (the only place diacritics can be).</summary>
    internal static bool HasDiacritics(string text)
    {
        foreach (var c in text) if (c > 0x7F) return true;
        return false;
    }

    /// <summary>The text with the diacritics of the Latin-script languages removed ("špatn" → "spatn", "zły" → "zly"), as people type on phones.</summary>
    internal static string WithoutDiacritics(string text)
    {
        if (!HasDiacritics(text)) return text;
        return string.Create(text.Length, text, static (span, w) =>
        {
            for (var i = 0; i < w.Length; i++)
            {
                var c = w[i];
                span[i] = c switch
                {
                    'ą' or 'á' or 'à' or 'â' or 'ä' or 'ă' or 'ā' or 'ã' => 'a', 'ć' or 'č' or 'ç' => 'c', 'ď' => 'd',
                    'ę' or 'é' or 'ě' or 'ė' or 'è' or 'ê' or 'ë' or 'ē' => 'e', 'ģ' => 'g', 'í' or 'į' or 'ì' or 'î' or 'ï' or 'ī' => 'i',
                    'ķ' => 'k', 'ł' or 'ľ' or 'ĺ' or 'ļ' => 'l', 'ń' or 'ň' or 'ñ' or 'ņ' => 'n', 'ó' or 'ò' or 'ô' or 'ö' or 'õ' or 'ő' => 'o',
                    'ř' or 'ŕ' => 'r', 'ś' or 'š' or 'ș' or 'ş' => 's', 'ť' or 'ț' or 'ţ' => 't',
                    'ú' or 'ů' or 'ų' or 'ū' or 'ù' or 'û' or 'ü' or 'ű' => 'u', 'ý' => 'y', 'ź' or 'ż' or 'ž' => 'z',
                    _ => c,
                };
            }
        });
    }

    private static bool IsWordChar(char c) => char.IsLetterOrDigit(c) || c is '_' or '\'' or '’';

    private static (string Text, string Token)? MatchEmoticon(ReadOnlySpan<char> s)
    {
        foreach (var e in Emoticons)
        {
            if (!s.StartsWith(e.Text, StringComparison.OrdinalIgnoreCase)) continue;
            // "D:" and friends need a boundary after them too, so "(see:" is not a smiley.
            if (s.Length > e.Text.Length && char.IsLetterOrDigit(s[e.Text.Length])) continue;
            return e;
        }
        return null;
    }

    private static string? EmojiToken(int v) => v switch
    {
        0x1F620 or 0x1F621 or 0x1F624 or 0x1F92C or 0x1F44E or 0x1F612 or 0x1F615 or 0x1F61E or 0x1F61F or 0x1F622
            or 0x1F62D or 0x1F629 or 0x1F62B or 0x1F626 or 0x1F627 or 0x1F928 or 0x1F644 or 0x1F480 or 0x1F92E
            or 0x1F610 or 0x1F611 or 0x1F614 or 0x1F623 or 0x1F625 or 0x1F630 or 0x1F631 or 0x1F4A9 or 0x1F92F => "emo_neg",
        0x1F600 or 0x1F601 or 0x1F603 or 0x1F604 or 0x1F60A or 0x1F60D or 0x1F970 or 0x1F929 or 0x1F44D or 0x1F64C
            or 0x1F389 or 0x2764 or 0x1F496 or 0x1F499 or 0x1F49A or 0x1F60E or 0x1F642 or 0x1F917 or 0x2B50 or 0x1F525
            or 0x1F44F or 0x1F60B or 0x1F618 or 0x1F495 or 0x1F497 or 0x1F49C or 0x2728 or 0x1F31F or 0x1F4AF or 0x1F44C => "emo_pos",
        0x1F602 or 0x1F923 => "emo_laugh",
        _ => null,
    };
}
