namespace JourneyFeedback.Ingestion.Redaction;

/// <summary>The check digits that tell a payment card or an IBAN from any other run of digits.</summary>
public static class Checksums
{
    public static bool IsLuhn(string candidate)
    {
        var digits = candidate.Where(char.IsAsciiDigit).Select(c => c - '0').ToArray();
        if (digits.Length is < 13 or > 19) return false;
        var sum = 0;
        for (var i = 0; i < digits.Length; i++)
        {
            var d = digits[digits.Length - 1 - i];
            if (i % 2 == 1 && (d *= 2) > 9) d -= 9;
            sum += d;
        }
        return sum % 10 == 0;
    }

    /// <summary>ISO 13616: move the country and check digits to the end, read letters as 10–35, mod 97 must be 1.</summary>
    public static bool IsIban(string candidate)
    {
        var iban = new string([.. candidate.Where(char.IsAsciiLetterOrDigit)]).ToUpperInvariant();
        if (iban.Length is < 15 or > 34) return false;
        var rearranged = iban[4..] + iban[..4];
        var remainder = 0;
        foreach (var c in rearranged)
        {
            var value = char.IsAsciiDigit(c) ? c - '0' : c - 'A' + 10;
            remainder = (value > 9 ? remainder * 100 + value : remainder * 10 + value) % 97;
        }
        return remainder == 1;
    }

    public static int DigitCount(string s) => s.Count(char.IsAsciiDigit);
}
