using System.Globalization;

namespace JourneyFeedback.Store;

/// <summary>
/// Pain points are ordered by receive time (microseconds) then id, newest first. A cursor is the
/// position of the last item served, so pages stay stable while new items arrive at the top.
/// </summary>
internal readonly record struct PageCursor(double Score, string Id)
{
    public static double ScoreOf(DateTimeOffset receivedAt) =>
        (receivedAt - DateTimeOffset.UnixEpoch).Ticks / 10;

    public string Encode() =>
        Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{Score.ToString("R", CultureInfo.InvariantCulture)}|{Id}"))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static PageCursor? Decode(string? token)
    {
        if (string.IsNullOrEmpty(token)) return null;
        try
        {
            var b64 = token.Replace('-', '+').Replace('_', '/');
            b64 = b64.PadRight(b64.Length + (4 - b64.Length % 4) % 4, '=');
            var parts = System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(b64)).Split('|');
            if (parts.Length == 2
                && double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var score)
                && Guid.TryParse(parts[1], out _))
                return new PageCursor(score, parts[1]);
        }
        catch (FormatException) { }
        throw new InvalidPageTokenException(token);
    }

    /// <summary>True when (score, id) comes after this cursor in newest-first order.</summary>
    public bool IsBefore(double score, string id) =>
        score < Score || (score == Score && string.CompareOrdinal(id, Id) < 0);
}
