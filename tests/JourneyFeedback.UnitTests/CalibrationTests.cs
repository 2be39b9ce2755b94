using System.IO.Compression;
using JourneyFeedback.Ml;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace JourneyFeedback.UnitTests;

/// <summary>Temperature scaling: fitted to how often a model is right, kept in the model's zip, applied at load.</summary>
public sealed class CalibrationTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("jf-calibration-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static Dictionary<string, double> Softmax(double[] scores, double temperature)
    {
        var max = scores.Max() / temperature;
        var exp = scores.Select(s => Math.Exp(s / temperature - max)).ToArray();
        var sum = exp.Sum();
        return new Dictionary<string, double> { ["negative"] = exp[0] / sum, ["neutral"] = exp[1] / sum, ["positive"] = exp[2] / sum };
    }

    /// <summary>
    /// Labels drawn from softmax(scores) — the truth — while the model reports softmax(scores × <paramref name="overconfidence"/>).
    /// </summary>
    private static List<(IReadOnlyDictionary<string, double>, string)> Sample(double overconfidence, int count, int seed)
    {
        var random = new Random(seed);
        var examples = new List<(IReadOnlyDictionary<string, double>, string)>();
        for (var i = 0; i < count; i++)
        {
            double[] scores = [random.NextDouble() * 4 - 2, random.NextDouble() * 4 - 2, random.NextDouble() * 4 - 2];
            var truth = Softmax(scores, 1);
            var u = random.NextDouble();
            var label = u < truth["negative"] ? "negative" : u < truth["negative"] + truth["neutral"] ? "neutral" : "positive";
            examples.Add((Softmax(scores, 1 / overconfidence), label));
        }
        return examples;
    }

    [Theory]
    [InlineData(1.0)]
    [InlineData(2.5)]
    [InlineData(0.5)]
    public void TheFittedTemperatureUndoesOverOrUnderConfidence(double overconfidence)
    {
        var temperature = Calibration.FitTemperature(Sample(overconfidence, 20_000, seed: 7));
        Assert.InRange(temperature, overconfidence * 0.9, overconfidence * 1.1);
    }

    [Fact]
    public void ScalingNeverChangesTheMostProbableLabelAndLowersAnOverconfidentError()
    {
        var examples = Sample(3, 5_000, seed: 11);
        var temperature = Calibration.FitTemperature(examples);
        Assert.True(temperature > 2, $"temperature {temperature}");
        var before = ModelReport.ExpectedCalibrationError(examples.Select(e => (e.Item1.Values.Max(), e.Item1.MaxBy(p => p.Value).Key == e.Item2)));
        var scaled = examples.Select(e =>
        {
            var p = Softmax([.. e.Item1.Values.Select(v => Math.Log(v))], temperature);
            Assert.Equal(e.Item1.MaxBy(x => x.Value).Key, p.MaxBy(x => x.Value).Key);
            return (p.Values.Max(), p.MaxBy(x => x.Value).Key == e.Item2);
        }).ToList();
        var after = ModelReport.ExpectedCalibrationError(scaled);
        Assert.True(after < before / 2, $"calibration error {before:F3} → {after:F3}");
    }

    [Fact]
    public void NoExampleWhoseLabelTheModelKnowsIsAClearError()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Calibration.FitTemperature([]));
        IReadOnlyDictionary<string, double> p = new Dictionary<string, double> { ["negative"] = 0.9, ["positive"] = 0.1 };
        Assert.Throws<ArgumentException>(() => Calibration.FitTemperature([(p, "mixed")]));
    }

    [Fact]
    public void TheCalibrationErrorIsTheGapBetweenConfidenceAndAccuracy()
    {
        // Ten answers at 0.95, nine right: gap 0.05. Ten at 0.55, all wrong: gap 0.55. Weighted: (0.5 + 5.5) / 20.
        var answers = Enumerable.Range(0, 10).Select(i => (0.95, i < 9)).Concat(Enumerable.Range(0, 10).Select(_ => (0.55, false)));
        Assert.Equal(0.3, ModelReport.ExpectedCalibrationError(answers), 9);
        Assert.Equal(0, ModelReport.ExpectedCalibrationError([(1.0, true), (1.0, true)]), 9);
        Assert.Equal(0, ModelReport.ExpectedCalibrationError([]));
    }

    [Fact]
    public void TheTemperatureTravelsInsideTheModelZip()
    {
        var zip = Path.Combine(_dir, "model.zip");
        using (var archive = ZipFile.Open(zip, ZipArchiveMode.Create)) archive.CreateEntry("other/entry").Open().Dispose();
        Assert.Equal(1, Calibration.ReadFrom(zip));
        Calibration.AppendTo(zip, 1.25);
        Calibration.AppendTo(zip, 1.5); // again: replaces, does not duplicate
        Assert.Equal(1.5, Calibration.ReadFrom(zip));
        using (var opened = ZipFile.OpenRead(zip)) Assert.Single(opened.Entries, e => e.FullName == Calibration.EntryName);
        Assert.Throws<ArgumentOutOfRangeException>(() => Calibration.AppendTo(zip, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => Calibration.AppendTo(zip, double.NaN));
    }

    [Fact]
    public void ATemperatureThatIsNotAPositiveNumberIsAClearError()
    {
        var zip = Path.Combine(_dir, "bad.zip");
        using (var archive = ZipFile.Open(zip, ZipArchiveMode.Create))
        using (var writer = new StreamWriter(archive.CreateEntry(Calibration.EntryName).Open())) writer.Write("-2");
        var error = Assert.Throws<InvalidDataException>(() => Calibration.ReadFrom(zip));
        Assert.Contains("-2", error.Message);
    }

    private static List<CorpusRow> Rows()
    {
        string[] negative = ["the parcel never arrived", "broken on arrival, useless", "refund still missing after a month", "rude staff and a dirty room",
            "app crashes every time I log in", "waited two hours on hold", "charged twice for one order", "cold food and a long wait",
            "the courier left it in the rain", "login code never comes", "the seams split after one wash", "nobody answers the chat"];
        string[] positive = ["arrived a day early, great", "lovely staff and a spotless room", "refund came the same day", "works perfectly, very happy",
            "quick friendly help on the phone", "best pizza in town", "easy checkout and fast delivery", "the app is simple and quick",
            "comfy and well made", "the agent sorted it in minutes", "great value for the price", "setup took two minutes"];
        // Each sentence 25 times, each time with three made-up words of its own, so no two rows are near-copies and a fifth
        // of them (more than ModelTrainer.MinCalibrationRows) can be set aside to fit the temperature.
        static string Word(int i, char kind) => kind + string.Concat(i.ToString().Select(d => (char)('a' + d - '0')));
        return [.. Enumerable.Range(0, 25).SelectMany(copy =>
            negative.Select(t => (Text: t, Label: "negative")).Concat(positive.Select(t => (Text: t, Label: "positive")))
                .Select((e, i) => new CorpusRow($"{e.Text} {Word(copy * 100 + i, 'q')} {Word(copy * 100 + i, 'x')} {Word(copy * 100 + i, 'z')}",
                    e.Label, "general", "retention", "review", "en")))];
    }

    [Fact]
    public void TooFewRowsToSetAsideFitNoTemperature()
    {
        var rows = Rows().Take(200).ToList();
        var path = Path.Combine(_dir, "small.zip");
        var model = ModelTrainer.TrainOne(rows, r => [r.Sentiment], path, ModelTrainer.DefaultSeed, SentimentLexicon.Empty, calibrate: true);
        Assert.True(Corpus.CalibrationSplit(rows).Check.Count < ModelTrainer.MinCalibrationRows);
        Assert.Equal(1, model.Temperature);
        Assert.Equal(1, Calibration.ReadFrom(path));
    }

    [Fact]
    public void ACalibratedModelKeepsItsTemperatureAndItsLabelsAfterLoading()
    {
        var rows = Rows();
        var plainPath = Path.Combine(_dir, "plain.zip");
        var calibratedPath = Path.Combine(_dir, "calibrated.zip");
        var plain = ModelTrainer.TrainOne(rows, r => [r.Sentiment], plainPath, ModelTrainer.DefaultSeed, SentimentLexicon.Empty);
        var calibrated = ModelTrainer.TrainOne(rows, r => [r.Sentiment], calibratedPath, ModelTrainer.DefaultSeed, SentimentLexicon.Empty, calibrate: true);
        Assert.Equal(1, plain.Temperature);
        Assert.NotEqual(1, calibrated.Temperature);
        Assert.Equal(1, Calibration.ReadFrom(plainPath));
        Assert.Equal(calibrated.Temperature, Calibration.ReadFrom(calibratedPath));

        var loaded = TextClassifier.Load(new MLContext(ModelTrainer.DefaultSeed), calibratedPath);
        Assert.Equal(calibrated.Temperature, loaded.Temperature);
        foreach (var text in (string[])["my parcel never arrived and nobody answers", "friendly staff, spotless room", "ok", ""])
        {
            var normalized = TextNormalizer.Normalize(text, SentimentLexicon.Empty);
            var p = plain.Predict(normalized);
            var c = loaded.Predict(normalized);
            Assert.Equal(p.Label, c.Label);
            // The same model (fitted on the same rows, same seed) with its scores divided by the temperature.
            var logRatio = Math.Log(p.Probabilities["negative"] / p.Probabilities["positive"]) / loaded.Temperature;
            Assert.Equal(logRatio, Math.Log(c.Probabilities["negative"] / c.Probabilities["positive"]), 3);
        }
    }

    [Fact]
    public void TheCalibrationRowsAreAFifthOfTheTrainingRowsWithNearCopiesKeptTogether()
    {
        // Made-up words in letters (digits are not part of a text's key), no two rows sharing one.
        static string Word(int i, char kind) => kind + string.Concat(i.ToString().Select(d => (char)('a' + d - '0')));
        var rows = Enumerable.Range(0, 2_000).Select(i => new CorpusRow($"{Word(i, 'k')} {Word(i, 'm')} {Word(i, 'p')}", "negative", "general", "retention", "review", "en"))
            .Append(new CorpusRow("the blue kettle leaks from the lid seam", "negative", "general", "retention", "review", "en"))
            .Append(new CorpusRow("the blue kettle leaks from the lid seam again", "negative", "general", "retention", "review", "en"))
            .ToList();
        var (fit, check) = Corpus.CalibrationSplit(rows);
        Assert.Equal(rows.Count, fit.Count + check.Count);
        Assert.Empty(fit.Select(r => r.Text).Intersect(check.Select(r => r.Text)));
        Assert.InRange(check.Count, rows.Count * 0.15, rows.Count * 0.25);
        var kettle = rows.TakeLast(2).Select(r => check.Contains(r)).Distinct().ToList();
        Assert.Single(kettle);
        var (fit2, check2) = Corpus.CalibrationSplit(rows);
        Assert.Equal(check.Select(r => r.Text), check2.Select(r => r.Text));
        // Not the held-out split again: some rows the held-out hash would pick are calibration rows, some are not.
        Assert.Contains(check, Corpus.IsHeldOut);
        Assert.Contains(fit, Corpus.IsHeldOut);
    }

    /// <summary>A bundled model as trained and with its temperature, which `make train` fits above 1 for an overconfident model.</summary>
    private static (TextClassifier Raw, TextClassifier Calibrated, SentimentLexicon Lexicon) Bundled(string file)
    {
        var models = Path.Combine(AppContext.BaseDirectory, "models");
        var path = Path.Combine(models, file);
        var temperature = Calibration.ReadFrom(path);
        Assert.True(temperature > 1, $"{file}: temperature {temperature}: `make train` fits one above 1 for an overconfident model");
        var model = new MLContext(ModelTrainer.DefaultSeed).Model.Load(path, out var schema);
        var weights = FeatureWeights.ReadFrom(path);
        return (new TextClassifier(model, schema, HashedFeaturizer.Text, weights),
            new TextClassifier(model, schema, HashedFeaturizer.Text, weights, temperature), SentimentLexicon.Load(models));
    }

    /// <summary>The expected calibration error of a model's top label, right when it is one of a text's labels.</summary>
    private static double Error(TextClassifier classifier, IEnumerable<(VBuffer<float> Features, IReadOnlyList<string> Labels)> rows) =>
        ModelReport.ExpectedCalibrationError(rows.Select(r =>
        {
            var scores = classifier.Predict(r.Features);
            return (scores.Confidence, r.Labels.Contains(scores.Label));
        }));

    [Fact]
    public void TheBundledSentimentModelIsBetterCalibratedWithItsTemperatureOnTheDevelopmentSet()
    {
        var (raw, calibrated, lexicon) = Bundled("sentiment.zip");
        var rows = Directory.EnumerateFiles(Path.Combine(ModelReportTests.RepoRoot(), "data", "dev"), "*.tsv").SelectMany(LabelledFile.Read)
            .Select(r => (Features: HashedFeaturizer.Text.Featurize(TextNormalizer.Normalize(r.Text, lexicon)), Labels: (IReadOnlyList<string>)[r.Label])).ToList();
        Assert.All(rows, r => Assert.Equal(raw.Predict(r.Features).Label, calibrated.Predict(r.Features).Label));
        var (before, after) = (Error(raw, rows), Error(calibrated, rows));
        Assert.True(after < before, $"development-set calibration error {before:F3} without the temperature, {after:F3} with it");
    }

    [Theory]
    [InlineData("topics.zip")]
    [InlineData("stage.zip")]
    [InlineData("emotion.zip")]
    public void TheBundledModelIsBetterCalibratedWithItsTemperatureOnTheHeldOutSplit(string file)
    {
        var (raw, calibrated, lexicon) = Bundled(file);
        var (_, heldOut) = Corpus.Split(Corpus.Load(Path.Combine(ModelReportTests.RepoRoot(), "data", "corpus")));
        // The top topic is right when the text is labelled with it (a text may name two).
        Func<CorpusRow, IReadOnlyList<string>> labels = file switch
        {
            "topics.zip" => r => r.Topics,
            "stage.zip" => r => [r.Stage],
            _ => r => r.Emotion is { Length: > 0 } emotion ? [emotion] : [],
        };
        var rows = heldOut.Where((r, i) => i % 4 == 0 && labels(r).Count > 0)
            .Select(r => (Features: HashedFeaturizer.Text.Featurize(TextNormalizer.Normalize(r.Text, lexicon)), Labels: labels(r))).ToList();
        var (before, after) = (Error(raw, rows), Error(calibrated, rows));
        Assert.True(after < before, $"{file}: held-out calibration error {before:F3} without the temperature, {after:F3} with it");
    }
}
