using System.Text;
using System.Text.RegularExpressions;

namespace JourneyFeedback.Ml;

/// <summary>
/// Turns raw customer text into what the models read, at training and at prediction alike:
/// lower case, emoticons and emoji as tokens, letters repeated 3+ times squeezed ("soooo" → "soo"),
/// and words after a negator marked until the next punctuation ("not bad" → "not neg_bad"), so the
/// models can learn that negated words flip. With a lexicon, each polar word is followed by a polarity token
/// (lex_pos, lex_neg, or lex_pos2 / lex_neg2 for strong words), flipped under negation: the models then
/// generalise from words the corpus never used to ones the lexicon knows.
/// </summary>
public static partial class TextNormalizer
{
    public const int Version = 2;

    private static readonly HashSet<string> Negators =
    [
        "not", "no", "never", "nothing", "nobody", "none", "nowhere", "neither", "nor", "without", "hardly",
        "cannot", "cant", "can't", "dont", "don't", "doesnt", "doesn't", "didnt", "didn't", "isnt", "isn't",
        "wasnt", "wasn't", "arent", "aren't", "werent", "weren't", "wont", "won't", "wouldnt", "wouldn't",
        "couldnt", "couldn't", "shouldnt", "shouldn't", "havent", "haven't", "hasnt", "hasn't", "aint", "ain't",
        "nie", "ani", "ne", "nei", "nein", "kein", "keine", "nicht", "pas", "nunca", "jamás",
    ];

    private static readonly HashSet<string> ContrastWords = ["but", "however", "although", "though", "yet", "ale", "jednak", "bet", "tačiau", "aber", "pero", "mais"];

    private static readonly (Regex Pattern, string Token)[] Emoticons =
    [
        (PositiveEmoticon(), " emo_pos "),
        (NegativeEmoticon(), " emo_neg "),
    ];

    public static string Normalize(string text) => Normalize(text, SentimentLexicon.Empty);

    public static string Normalize(string text, SentimentLexicon lexicon)
    {
        if (string.IsNullOrWhiteSpace(text)) return "";
        var s = text.Length > 4000 ? text[..4000] : text;
        foreach (var (pattern, token) in Emoticons) s = pattern.Replace(s, token);
        s = MapEmoji(s).ToLowerInvariant();
        s = Repeats().Replace(s, "$1$1");

        var sb = new StringBuilder(s.Length + 16);
        var negating = false;
        foreach (Match m in Tokens().Matches(s))
        {
            var token = m.Value;
            if (ContrastWords.Contains(token))
            {
                negating = false;
                sb.Append(token).Append(' ');
            }
            else if (char.IsLetterOrDigit(token[0]) || token[0] == '\'')
            {
                var negated = negating && !Negators.Contains(token);
                sb.Append(negated ? "neg_" : "").Append(token).Append(' ');
                if (lexicon.Score(token) is var score and not 0)
                {
                    if (negated) score = -score;
                    sb.Append(score > 0 ? "lex_pos" : "lex_neg").Append(Math.Abs(score) >= 3 ? "2 " : " ");
                }
                if (Negators.Contains(token) || token.EndsWith("n't", StringComparison.Ordinal)) negating = true;
            }
            else
            {
                negating = false;
                sb.Append(token).Append(' ');
            }
        }
        return sb.ToString().TrimEnd();
    }

    private static string MapEmoji(string s)
    {
        var sb = new StringBuilder(s.Length);
        foreach (var rune in s.EnumerateRunes())
        {
            var v = rune.Value;
            if (v is 0x1F620 or 0x1F621 or 0x1F624 or 0x1F92C or 0x1F44E or 0x1F612 or 0x1F615 or 0x1F61E or 0x1F61F
                or 0x1F622 or 0x1F62D or 0x1F629 or 0x1F62B or 0x1F626 or 0x1F627 or 0x1F928 or 0x1F644 or 0x1F480 or 0x1F92E)
                sb.Append(" emo_neg ");
            else if (v is 0x1F600 or 0x1F601 or 0x1F603 or 0x1F604 or 0x1F60A or 0x1F60D or 0x1F970 or 0x1F929 or 0x1F44D
                     or 0x1F64C or 0x1F389 or 0x2764 or 0x1F496 or 0x1F499 or 0x1F49A or 0x1F60E or 0x1F642 or 0x1F917 or 0x2B50 or 0x1F525 or 0x1F44F)
                sb.Append(" emo_pos ");
            else if (v is 0x1F602 or 0x1F923)
                sb.Append(" emo_laugh ");
            else
                sb.Append(rune.ToString());
        }
        return sb.ToString();
    }

    [GeneratedRegex(@"(?<![\w])(?::-?\)|:-?D|;-?\)|:-?P|<3|\(:)(?![\w])")]
    private static partial Regex PositiveEmoticon();

    [GeneratedRegex(@"(?<![\w])(?::-?\(|:'\(|:-?/|>:\(|D:|\):)(?![\w/])")]
    private static partial Regex NegativeEmoticon();

    [GeneratedRegex(@"(\p{L})\1{2,}")]
    private static partial Regex Repeats();

    [GeneratedRegex(@"[\p{L}\p{N}_']+|[^\s\p{L}\p{N}_']")]
    private static partial Regex Tokens();
}
