using System.CommandLine;
using JourneyFeedback.Ml;

namespace JourneyFeedback.Cli;

internal static class TrainCommand
{
    public static Command Build(TextWriter output)
    {
        var corpus = new Option<DirectoryInfo>("--corpus") { Description = "Labelled corpus folder", DefaultValueFactory = _ => new DirectoryInfo("data/corpus") };
        var outDir = new Option<DirectoryInfo>("--out") { Description = "Where the models and the model card go", DefaultValueFactory = _ => new DirectoryInfo("models") };
        var lexicons = new Option<DirectoryInfo>("--lexicons") { Description = "Fetched lexicons (scripts/fetch-lexicons.sh)", DefaultValueFactory = _ => new DirectoryInfo(".cache/lexicons") };
        var seed = new Option<int>("--seed") { Description = "Random seed", DefaultValueFactory = _ => ModelTrainer.DefaultSeed };
        var command = new Command("train", "Train the sentiment, topic and stage models from the corpus") { corpus, lexicons, outDir, seed };
        command.SetAction(r =>
        {
            var card = ModelTrainer.TrainAll(r.GetValue(corpus)!.FullName, r.GetValue(lexicons)!.FullName, r.GetValue(outDir)!.FullName, r.GetValue(seed), output);
            output.WriteLine($"model {card.Version} written to {r.GetValue(outDir)!.FullName}");
            return 0;
        });
        return command;
    }
}
