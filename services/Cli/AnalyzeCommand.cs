using System.CommandLine;
using System.Diagnostics;
using System.Text.Json;
using JourneyFeedback.Ml;

namespace JourneyFeedback.Cli;

internal static class AnalyzeCommand
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private const int BatchSize = 4096;

    public static Command Build(TextWriter output)
    {
        var text = new Argument<string?>("text") { Description = "One text to classify (or use --input)", Arity = ArgumentArity.ZeroOrOne };
        var input = new Option<FileInfo?>("--input", "-i") { Description = "A .tsv (with a header) or .jsonl file to classify, record by record" };
        var column = new Option<string>("--text-column") { Description = "Column or field holding the text", DefaultValueFactory = _ => "text" };
        var outFile = new Option<FileInfo?>("--output", "-o") { Description = "Where the JSON lines go (default: standard output)" };
        var models = new Option<DirectoryInfo>("--models") { Description = "Model folder", DefaultValueFactory = _ => new DirectoryInfo(DefaultModels()) };
        var topicModel = new Option<FileInfo?>("--topic-model") { Description = "A topic model from `jf train topics`, instead of the bundled one" };
        var language = new Option<string?>("--language") { Description = "Language code, if known" };
        var command = new Command("analyze", "Classify text offline: language, sentiment, aspects, topics, emotion and stage, as JSON lines")
        {
            text, input, column, outFile, models, topicModel, language,
        };
        command.SetAction(async (r, ct) =>
        {
            var error = r.InvocationConfiguration.Error;
            if (r.GetValue(topicModel) is { Exists: false } missing)
            {
                await error.WriteLineAsync($"{missing.FullName}: no such topic model");
                return 2;
            }
            var analyzer = FeedbackAnalyzer.Load(r.GetValue(models)!.FullName, r.GetValue(topicModel)?.FullName);
            if (r.GetValue(input) is not { } file)
            {
                if (r.GetValue(text) is not { } single)
                {
                    await error.WriteLineAsync("Give a text or --input FILE.");
                    return 2;
                }
                await output.WriteLineAsync(JsonSerializer.Serialize(AnalyzedRecord.From(null, analyzer.Analyze(single, r.GetValue(language))), Json));
                return 0;
            }
            if (!file.Exists)
            {
                await error.WriteLineAsync($"{file.FullName}: no such file");
                return 2;
            }

            // A TSV without the text column is refused before --output is opened, so no earlier output is overwritten.
            if (!IsJsonLines(file) && MissingColumn(file, r.GetValue(column)!) is { } problem)
            {
                await error.WriteLineAsync(problem);
                return 2;
            }

            await using var sink = r.GetValue(outFile) is { } o ? new StreamWriter(o.FullName) : null;
            var writer = sink ?? output;
            var stats = await AnalyzeFileAsync(analyzer, file, r.GetValue(column)!, r.GetValue(language), writer, error, ct);
            await writer.FlushAsync(ct);
            await error.WriteLineAsync($"analyzed {stats.Records:N0} records ({stats.Errors:N0} unreadable) in {stats.Elapsed.TotalSeconds:F1} s: {stats.Records / Math.Max(stats.Elapsed.TotalSeconds, 1e-3):N0} records/s");
            return 0;
        });
        return command;
    }

    internal sealed record FileStats(long Records, long Errors, TimeSpan Elapsed);

    private static bool IsJsonLines(FileInfo file) =>
        file.Extension.Equals(".jsonl", StringComparison.OrdinalIgnoreCase) || file.Extension.Equals(".ndjson", StringComparison.OrdinalIgnoreCase);

    /// <summary>Why a TSV's header lacks the text column, or null when it has it.</summary>
    private static string? MissingColumn(FileInfo file, string column)
    {
        using var reader = new StreamReader(file.FullName);
        var header = (reader.ReadLine() ?? "").Split('\t');
        return Array.IndexOf(header, column) < 0 ? NoColumn(file, column, header) : null;
    }

    private static string NoColumn(FileInfo file, string column, string[] header) =>
        $"{file.Name}: no column '{column}' in the header ({string.Join(", ", header)}); name the text's column with --text-column";

    /// <summary>
    /// Streams the file in batches: each batch is classified on all cores, then written in input order, so
    /// memory stays flat however large the file is.
    /// </summary>
    internal static async Task<FileStats> AnalyzeFileAsync(FeedbackAnalyzer analyzer, FileInfo file, string column, string? language,
        TextWriter writer, TextWriter progressOut, CancellationToken ct)
    {
        var jsonl = IsJsonLines(file);
        using var stream = file.OpenRead();
        using var reader = new StreamReader(stream);
        var textIndex = -1;
        if (!jsonl)
        {
            var header = (await reader.ReadLineAsync(ct) ?? "").Split('\t');
            textIndex = Array.IndexOf(header, column);
            if (textIndex < 0) throw new InvalidDataException(NoColumn(file, column, header));
        }

        var progress = new Progress(file.Length, progressOut);
        var clock = Stopwatch.StartNew();
        long records = 0, errors = 0;
        var batch = new List<string>(BatchSize);
        var results = new string[BatchSize];
        while (true)
        {
            batch.Clear();
            for (string? line; batch.Count < BatchSize && (line = await reader.ReadLineAsync(ct)) is not null;)
                if (line.Length > 0) batch.Add(line);
            if (batch.Count == 0) break;

            Parallel.For(0, batch.Count, new ParallelOptions { CancellationToken = ct }, i =>
            {
                var record = records + i;
                if (!TryGetText(batch[i], jsonl, textIndex, column, out var text, out var problem))
                {
                    results[i] = JsonSerializer.Serialize(new { record, error = problem }, Json);
                    Interlocked.Increment(ref errors);
                    return;
                }
                results[i] = JsonSerializer.Serialize(AnalyzedRecord.From(record, analyzer.Analyze(text, language)), Json);
            });
            for (var i = 0; i < batch.Count; i++) await writer.WriteLineAsync(results[i]);
            records += batch.Count;
            progress.Report(stream.Position, records, clock.Elapsed);
        }
        progress.Done();
        return new FileStats(records, errors, clock.Elapsed);
    }

    private static bool TryGetText(string line, bool jsonl, int textIndex, string column, out string text, out string? problem)
    {
        (text, problem) = ("", null);
        if (!jsonl)
        {
            var fields = line.Split('\t');
            if (fields.Length <= textIndex) { problem = $"the row has no '{column}' column"; return false; }
            text = fields[textIndex];
            return true;
        }
        try
        {
            using var doc = JsonDocument.Parse(line);
            if (doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty(column, out var value) && value.ValueKind == JsonValueKind.String)
            {
                text = value.GetString()!;
                return true;
            }
            problem = $"no string field '{column}'";
        }
        catch (JsonException e)
        {
            problem = $"not JSON: {e.Message}";
        }
        return false;
    }

    internal static string DefaultModels() =>
        Directory.Exists("models") ? "models" : Path.Combine(AppContext.BaseDirectory, "models");

    /// <summary>One output line of jf analyze.</summary>
    private sealed record AnalyzedRecord(
        [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)] long? Record,
        string Language,
        JourneyFeedback.Contracts.SentimentResult Sentiment,
        IReadOnlyList<JourneyFeedback.Contracts.AspectResult> Aspects,
        IReadOnlyList<JourneyFeedback.Contracts.TopicScore> Topics,
        string? Emotion,
        double? EmotionConfidence,
        string? Stage,
        double? StageConfidence,
        string Model)
    {
        public static AnalyzedRecord From(long? record, JourneyFeedback.Contracts.AnalysisResult a) =>
            new(record, a.Language, a.Sentiment, a.Aspects, a.Topics, a.Emotion, a.EmotionConfidence, a.StageHint, a.StageConfidence, a.ModelVersion);
    }

    /// <summary>A progress bar on a terminal; nothing when standard error is redirected.</summary>
    private sealed class Progress(long total, TextWriter output)
    {
        private readonly bool _enabled = !Console.IsErrorRedirected && ReferenceEquals(output, Console.Error);
        private TimeSpan _last;

        public void Report(long position, long records, TimeSpan elapsed)
        {
            if (!_enabled || elapsed - _last < TimeSpan.FromMilliseconds(200)) return;
            _last = elapsed;
            var share = total == 0 ? 1 : Math.Min(1, position / (double)total);
            var bar = new string('#', (int)(share * 30)).PadRight(30);
            output.Write($"\r[{bar}] {share:P0} {records:N0} records, {records / Math.Max(elapsed.TotalSeconds, 1e-3):N0}/s ");
        }

        public void Done()
        {
            if (_enabled) output.WriteLine();
        }
    }
}
