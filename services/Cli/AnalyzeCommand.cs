using System.CommandLine;
using System.Text.Json;
using JourneyFeedback.Ml;

namespace JourneyFeedback.Cli;

internal static class AnalyzeCommand
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static Command Build(TextWriter output)
    {
        var text = new Argument<string>("text") { Description = "Text to classify" };
        var models = new Option<DirectoryInfo>("--models") { Description = "Model folder", DefaultValueFactory = _ => new DirectoryInfo(DefaultModels()) };
        var language = new Option<string?>("--language") { Description = "Language code, if known" };
        var command = new Command("analyze", "Classify one text offline and print the result as JSON") { text, models, language };
        command.SetAction(r =>
        {
            using var analyzer = FeedbackAnalyzer.Load(r.GetValue(models)!.FullName);
            output.WriteLine(JsonSerializer.Serialize(analyzer.Analyze(r.GetValue(text)!, r.GetValue(language)), Json));
            return 0;
        });
        return command;
    }

    internal static string DefaultModels() =>
        Directory.Exists("models") ? "models" : Path.Combine(AppContext.BaseDirectory, "models");
}
