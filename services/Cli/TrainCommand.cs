using System.CommandLine;
using JourneyFeedback.Ml;

namespace JourneyFeedback.Cli;

internal static class TrainCommand
{
    public static Command Build(TextWriter output)
    {
        var corpus = new Option<DirectoryInfo>("--corpus") { Description = "Labelled corpus folder", DefaultValueFactory = _ => new DirectoryInfo("data/corpus") };
        var lexicons = new Option<DirectoryInfo>("--lexicons") { Description = "Fetched lexicons (scripts/fetch-lexicons.sh)", DefaultValueFactory = _ => new DirectoryInfo(".cache/lexicons") };
        var outDir = new Option<DirectoryInfo>("--out") { Description = "Where the models and the model card go", DefaultValueFactory = _ => new DirectoryInfo("models") };
        var seed = new Option<int>("--seed") { Description = "Random seed", DefaultValueFactory = _ => ModelTrainer.DefaultSeed };
        var command = new Command("train", "Train the language, sentiment, topic, emotion and stage models from the corpus") { corpus, lexicons, outDir, seed };
        command.SetAction(r =>
        {
            var card = ModelTrainer.TrainAll(r.GetValue(corpus)!.FullName, r.GetValue(lexicons)!.FullName, r.GetValue(outDir)!.FullName, r.GetValue(seed), output);
            output.WriteLine($"model {card.Version} written to {r.GetValue(outDir)!.FullName}");
            return 0;
        });
        command.Subcommands.Add(Topics(output));
        return command;
    }

    /// <summary>jf train topics: a customer's own taxonomy from labelled examples, replacing or extending the default one.</summary>
    private static Command Topics(TextWriter output)
    {
        var examples = new Option<FileInfo>("--examples") { Description = "TSV with a header naming the columns text and topic (main|second for a text about two topics)", Required = true };
        var outFile = new Option<FileInfo>("--out") { Description = "The topic model to write (.zip)", Required = true };
        var models = new Option<DirectoryInfo>("--models") { Description = "The bundled models (for the text normalisation they share)", DefaultValueFactory = _ => new DirectoryInfo(AnalyzeCommand.DefaultModels()) };
        var extend = new Option<DirectoryInfo?>("--extend") { Description = "Also learn the default taxonomy from this corpus folder (e.g. data/corpus)" };
        var seed = new Option<int>("--seed") { Description = "Random seed", DefaultValueFactory = _ => ModelTrainer.DefaultSeed };
        var command = new Command("topics", "Train a topic model from your own labelled examples") { examples, outFile, models, extend, seed };
        command.SetAction(r =>
        {
            var error = r.InvocationConfiguration.Error;
            var file = r.GetValue(examples)!;
            if (!file.Exists) { error.WriteLine($"{file.FullName}: no such file"); return 2; }
            List<CorpusRow> rows;
            try
            {
                rows = ReadExamples(file.FullName);
            }
            catch (InvalidDataException e)
            {
                error.WriteLine(e.Message);
                return 2;
            }
            if (r.GetValue(extend) is { } corpus) rows.AddRange(Corpus.Load(corpus.FullName));
            var perTopic = rows.SelectMany(x => x.Topics).GroupBy(t => t).ToList();
            var thin = perTopic.Where(g => g.Count() < 5).Select(g => g.Key).ToList();
            if (perTopic.Count < 2 || thin.Count > 0)
            {
                error.WriteLine(thin.Count > 0
                    ? $"every topic needs at least 5 examples; too few for: {string.Join(", ", thin)}"
                    : "give examples of at least two topics");
                return 2;
            }

            var (train, heldOut) = Corpus.Split(rows);
            var lexicon = SentimentLexicon.Load(r.GetValue(models)!.FullName);
            var path = r.GetValue(outFile)!.FullName;
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var classifier = ModelTrainer.TrainOne(train, x => x.Topics, path, r.GetValue(seed), lexicon, balanceClasses: true, calibrate: true);
            var report = ModelTrainer.Evaluate("topics", classifier, [.. heldOut.Select(x => (x.Text, x.Topic))], lexicon);
            var sets = ModelTrainer.EvaluateTopicSets("topics", classifier, [.. heldOut.Select(x => (x.Text, x.Topics))], lexicon);
            output.WriteLine($"trained on {train.Count} examples, {perTopic.Count} topics; held out {heldOut.Count}: "
                + $"accuracy {report.Accuracy:P1}, macro-F1 {report.MacroF1:F3}, micro-F1 of the topics returned {sets.MicroF1:F3}, "
                + $"expected calibration error {report.CalibrationError:F3}");
            output.WriteLine(classifier.Temperature == 1
                ? $"confidences not calibrated: fewer than {ModelTrainer.MinCalibrationRows} of the training examples could be set aside for it"
                : $"confidences calibrated: temperature {classifier.Temperature:F3}");
            foreach (var (topic, m) in report.PerClass.OrderBy(p => p.Key, StringComparer.Ordinal))
                output.WriteLine($"  {topic,-28} support {m.Support,5}  precision {m.Precision:F3}  recall {m.Recall:F3}  F1 {m.F1:F3}");
            output.WriteLine($"wrote {path}; use it with --topic-model or Analysis:TopicModelPath");
            return 0;
        });
        return command;
    }

    private static List<CorpusRow> ReadExamples(string path)
    {
        var rows = new List<CorpusRow>();
        using var reader = new StreamReader(path);
        var header = (reader.ReadLine() ?? "").Split('\t');
        int text = Array.IndexOf(header, "text"), topic = Array.IndexOf(header, "topic");
        if (text < 0 || topic < 0) throw new InvalidDataException($"{path}: the header must name the columns text and topic");
        var line = 1;
        for (var l = reader.ReadLine(); l is not null; l = reader.ReadLine())
        {
            line++;
            var f = l.Split('\t');
            if (f.Length <= Math.Max(text, topic) || f[text].Trim().Length == 0 || f[topic].Trim().Length == 0)
                throw new InvalidDataException($"{path}:{line}: needs a text and a topic");
            rows.Add(CorpusRow.WithTopics(f[text], "", f[topic].Trim(), "", "", "", at: $"{path}:{line}"));
        }
        return rows;
    }
}
