using System.Globalization;

namespace JourneyFeedback.Cli.Import;

/// <summary>A redrawn bar on a terminal; a plain line every tenth of the file when the output is a pipe or a file.</summary>
internal sealed class ImportProgress(TextWriter output, long total, long start)
{
    private readonly bool _terminal = ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected;
    private long _nextLine = start + Math.Max(1, total / 10);

    public void Report(long row, TimeSpan elapsed, bool final = false)
    {
        var rate = elapsed.TotalSeconds > 0 ? (row - start) / elapsed.TotalSeconds : 0;
        var fraction = total == 0 ? 1 : (double)row / total;
        if (_terminal)
        {
            var filled = (int)(fraction * 30);
            output.Write(string.Create(CultureInfo.InvariantCulture,
                $"\r[{new string('#', filled)}{new string('-', 30 - filled)}] {fraction,4:P0} {row}/{total} rows, {rate:0} rows/s  "));
            if (final) output.WriteLine();
        }
        else if (final || row >= _nextLine)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{row}/{total} rows ({fraction:P0}), {rate:0} rows/s"));
            while (_nextLine <= row) _nextLine += Math.Max(1, total / 10);
        }
    }
}
