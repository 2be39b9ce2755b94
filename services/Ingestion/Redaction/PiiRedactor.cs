using System.Text.RegularExpressions;
using JourneyFeedback.Contracts;
using Microsoft.Extensions.Options;

namespace JourneyFeedback.Ingestion.Redaction;

/// <summary>
/// Replaces personal data in an item's words with a placeholder that keeps its type (<c>[email]</c>,
/// <c>[phone]</c>, <c>[card]</c>, <c>[iban]</c>, or <c>[name]</c> of a configured pattern), so analysis
/// still sees that a customer mentioned "their card" without anyone downstream seeing the number.
/// Customer ids are left as they are: they are the sender's pseudonymous keys, needed to close the loop.
/// </summary>
public sealed partial class PiiRedactor
{
    private static readonly TimeSpan PatternTimeout = TimeSpan.FromMilliseconds(250);
    private readonly (string Placeholder, Regex Pattern)[] _extra;

    public PiiRedactor(IOptions<IngestionOptions> options) =>
        _extra = [.. options.Value.Redaction.Patterns.Select(p =>
            ($"[{p.Key}]", new Regex(p.Value, RegexOptions.CultureInvariant, PatternTimeout)))];

    public FeedbackItem Redact(FeedbackItem item) => item with
    {
        Text = Redact(item.Text),
        Subject = item.Subject is null ? null : Redact(item.Subject),
        Metadata = item.Metadata.ToDictionary(kv => kv.Key, kv => Redact(kv.Value)),
    };

    public string Redact(string text)
    {
        if (text.Length == 0) return text;
        // Emails first: their local parts can hold digit runs the number patterns would half-match.
        text = Email().Replace(text, "[email]");
        text = Iban().Replace(text, m => LongestValidPrefix(m.Value, Checksums.IsIban, "[iban]"));
        text = Card().Replace(text, m => LongestValidPrefix(m.Value, Checksums.IsLuhn, "[card]"));
        text = Phone().Replace(text, m => Checksums.DigitCount(m.Value) is >= 7 and <= 15 ? "[phone]" : m.Value);
        foreach (var (placeholder, pattern) in _extra)
        {
            try { text = pattern.Replace(text, placeholder); }
            catch (RegexMatchTimeoutException) { text = placeholder; }
        }
        return text;
    }

    /// <summary>
    /// A candidate may have swallowed a word or number that follows it ("… 3000 AND"): drop trailing
    /// groups until the check digits hold, and keep what was dropped.
    /// </summary>
    private static string LongestValidPrefix(string candidate, Func<string, bool> isValid, string placeholder)
    {
        for (var end = candidate.Length; end > 0; end = candidate.LastIndexOfAny([' ', '-'], end - 1))
        {
            if (isValid(candidate[..end])) return placeholder + candidate[end..];
        }
        return candidate;
    }

    [GeneratedRegex(@"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}", RegexOptions.CultureInvariant)]
    private static partial Regex Email();

    [GeneratedRegex(@"\b[A-Za-z]{2}\d{2}(?:[ ]?[A-Za-z0-9]{4}){2,7}(?:[ ]?[A-Za-z0-9]{1,4})?\b", RegexOptions.CultureInvariant)]
    private static partial Regex Iban();

    [GeneratedRegex(@"\b\d{4}(?:[ -]\d{4}){2,3}(?:[ -]\d{1,4})*\b|\b\d{4}[ -]\d{6}[ -]\d{4,5}\b|\b\d{13,19}\b", RegexOptions.CultureInvariant)]
    private static partial Regex Card();

    // International (+48 …, 0048 …) and bracketed area codes ((555) 123-4567); bare digit runs are
    // left alone because order numbers and dates look the same.
    [GeneratedRegex(@"(?<!\d[ .-]?)(?:(?<![\w+])\+|\b00)\d{1,3}(?:[ .-]?\(\d{1,4}\))?(?:[ .-]?\d{1,5}){2,6}\b|\(\d{2,4}\)[ .-]?\d{3,4}[ .-]\d{3,4}\b", RegexOptions.CultureInvariant)]
    private static partial Regex Phone();
}
