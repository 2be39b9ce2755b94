using System.CommandLine;
using System.Text.Json;
using JourneyFeedback.Ml;

namespace JourneyFeedback.Cli;

internal static class EvaluateCommand
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    private static readonly string[] SentimentLabels = ["negative", "neutral", "positive", FeedbackAnalyzer.Mixed];

    public static Command Build(TextWriter output)
    {
        var input = new Option<FileInfo>("--input", "-i") { Description = "TSV with columns text, label and optionally topic", Required = true };
        var models = new Option<DirectoryInfo>("--models") { Description = "Model folder", DefaultValueFactory = _ => new DirectoryInfo(AnalyzeCommand.DefaultModels()) };
        var json = new Option<bool>("--json") { Description = "Print the report as JSON" };
        var command = new Command("evaluate", "Measure the models on a labelled file: accuracy, macro-F1, calibration error, per-class table, confusion matrix")
        {
            input, models, json,
        };
        command.SetAction(r =>
        {
            var file = r.GetValue(input)!;
            if (!file.Exists)
            {
                r.InvocationConfiguration.Error.WriteLine($"{file.FullName}: no such file");
                return 2;
            }
            List<LabelledRow> rows;
            try
            {
                rows = LabelledFile.Read(file.FullName);
            }
            catch (InvalidDataException e)
            {
                r.InvocationConfiguration.Error.WriteLine(e.Message);
                return 2;
            }
            // A label Analysis never gives ("neg", "great") would only count as wrong: name it instead.
            var unknown = rows.Select(x => x.Label).Where(l => !SentimentLabels.Contains(l)).Distinct().ToList();
            if (unknown.Count > 0)
            {
                r.InvocationConfiguration.Error.WriteLine(
                    $"{file.FullName}: labels must be {string.Join(", ", SentimentLabels)}; found {string.Join(", ", unknown.Take(5).Select(l => $"'{l}'"))}");
                return 2;
            }
            var analyzer = FeedbackAnalyzer.Load(r.GetValue(models)!.FullName);
            var results = rows.AsParallel().AsOrdered().Select(row => (row, analysis: analyzer.Analyze(row.Text))).ToList();

            var reports = new List<ModelReport>
            {
                ModelReport.FromPairs("sentiment", results.Select(x => (x.row.Label, x.analysis.Sentiment.Label))) with
                {
                    CalibrationError = ModelReport.ExpectedCalibrationError(results.Select(x => ((double)x.analysis.Sentiment.Confidence, x.analysis.Sentiment.Label == x.row.Label))),
                },
            };
            if (rows.Any(x => x.Topic is not null))
                reports.Add(ModelReport.FromPairs("topic", results.Where(x => x.row.Topic is not null)
                    .Select(x => (x.row.Topic!, x.analysis.Topics.FirstOrDefault()?.Name ?? "none"))));

            if (r.GetValue(json)) output.WriteLine(JsonSerializer.Serialize(reports, Json));
            else foreach (var report in reports) Print(report, output);
            return 0;
        });
        return command;
    }

    private static void Print(ModelReport m, TextWriter o)
    {
        o.WriteLine($"{m.Name}: {m.Examples} examples, accuracy {m.Accuracy:P1}, macro-F1 {m.MacroF1:F3}"
            + (m.CalibrationError is { } ece ? $", expected calibration error {ece:F3}" : ""));
        o.WriteLine($"  {"class",-24} {"support",8} {"precision",10} {"recall",8} {"F1",7}");
        foreach (var (label, c) in m.PerClass)
            o.WriteLine($"  {label,-24} {c.Support,8} {c.Precision,10:F3} {c.Recall,8:F3} {c.F1,7:F3}");
        var labels = m.Confusion.Keys.ToList();
        o.WriteLine("  confusion (rows expected, columns predicted):");
        o.WriteLine($"  {"",-24} " + string.Join(" ", labels.Select(l => $"{Short(l),9}")));
        foreach (var l in labels)
            o.WriteLine($"  {l,-24} " + string.Join(" ", labels.Select(p => $"{m.Confusion[l].GetValueOrDefault(p),9}")));
        o.WriteLine();
    }

    private static string Short(string s) => s.Length <= 9 ? s : s[..9];
}
