using System.IO.Compression;
using JourneyFeedback.Ml;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace JourneyFeedback.UnitTests;

/// <summary>Per-feature weights from the labels (log-count ratios): fitted, applied, kept in the model's zip.</summary>
public sealed class FeatureWeightsTests : IDisposable
{
    private const int Dimension = 32;
    private readonly string _dir = Directory.CreateTempSubdirectory("jf-weights-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static VBuffer<float> Sparse(params int[] slots) =>
        new(Dimension, slots.Length, [.. slots.Select(_ => 1f)], slots);

    // Slot 10 only ever comes with "negative", slot 11 only with "positive", slot 12 with both alike;
    // slot 0 is a reserved polarity slot and keeps its weight.
    private static readonly (VBuffer<float>, string)[] Examples =
    [
        (Sparse(0, 10, 12), "negative"), (Sparse(10, 12), "negative"), (Sparse(0, 10, 12), "negative"),
        (Sparse(11, 12), "positive"), (Sparse(0, 11, 12), "positive"), (Sparse(0, 11, 12), "positive"),
    ];

    [Fact]
    public void AFeatureOfOneLabelWeighsMoreThanOneFoundUnderEveryLabel()
    {
        var weights = FeatureWeights.Fit(Examples, Dimension, unweightedSlots: 8);
        Assert.True(weights[10] > 1, $"one-sided feature: {weights[10]}");
        Assert.True(weights[11] > 1, $"one-sided feature: {weights[11]}");
        Assert.True(weights[12] < 1, $"even feature: {weights[12]}");
        Assert.True(weights[12] >= 1 - FeatureWeights.DefaultInterpolation, "interpolated with 1, so never below 1 − interpolation");
        Assert.Equal(1f, weights[0]);
        Assert.Equal(weights[10], weights[11], 5);
    }

    [Fact]
    public void WithoutInterpolationEveryWeightIsOne()
    {
        var weights = FeatureWeights.Fit(Examples, Dimension, unweightedSlots: 8, interpolation: 0);
        Assert.All(Enumerable.Range(0, Dimension), i => Assert.Equal(1f, weights[i]));
    }

    [Fact]
    public void ApplyingScalesTheValuesAndLeavesTheInputAlone()
    {
        var weights = FeatureWeights.Fit(Examples, Dimension, unweightedSlots: 8);
        var input = new VBuffer<float>(Dimension, 3, [0.5f, 0.25f, 2f], [0, 10, 12]);
        var scaled = weights.Apply(input);
        Assert.Equal([0, 10, 12], scaled.GetIndices().ToArray());
        Assert.Equal([0.5f, 0.25f * weights[10], 2f * weights[12]], scaled.GetValues().ToArray());
        Assert.Equal([0.5f, 0.25f, 2f], input.GetValues().ToArray());
    }

    [Fact]
    public void FeaturesOfAnotherDimensionAreRefused()
    {
        var weights = FeatureWeights.Fit(Examples, Dimension, unweightedSlots: 8);
        Assert.Throws<ArgumentException>(() => weights.Apply(new VBuffer<float>(Dimension * 2, 1, [1f], [3])));
    }

    [Fact]
    public void TheWeightsTravelInsideTheModelZip()
    {
        var zip = Path.Combine(_dir, "model.zip");
        using (var archive = ZipFile.Open(zip, ZipArchiveMode.Create)) archive.CreateEntry("other/entry").Open().Dispose();
        Assert.Null(FeatureWeights.ReadFrom(zip));

        var weights = FeatureWeights.Fit(Examples, Dimension, unweightedSlots: 8);
        weights.AppendTo(zip);
        weights.AppendTo(zip); // again: replaces, does not duplicate
        var read = FeatureWeights.ReadFrom(zip);
        Assert.NotNull(read);
        Assert.Equal(Dimension, read.Dimension);
        Assert.All(Enumerable.Range(0, Dimension), i => Assert.Equal(weights[i], read[i]));
        using var opened = ZipFile.OpenRead(zip);
        Assert.Single(opened.Entries, e => e.FullName == FeatureWeights.EntryName);
        Assert.Contains(opened.Entries, e => e.FullName == "other/entry");
    }

    [Fact]
    public void WeightsOfAnUnknownFormatAreAClearError()
    {
        var zip = Path.Combine(_dir, "future.zip");
        using (var archive = ZipFile.Open(zip, ZipArchiveMode.Create))
        using (var writer = new BinaryWriter(archive.CreateEntry(FeatureWeights.EntryName).Open()))
        {
            writer.Write(99);
            writer.Write(Dimension);
        }
        var error = Assert.Throws<InvalidDataException>(() => FeatureWeights.ReadFrom(zip));
        Assert.Contains("format 99", error.Message);
    }

    [Fact]
    public void AModelTrainedWithWeightsScoresTheSameAfterLoading()
    {
        string[] negative = ["the parcel never arrived", "broken on arrival, useless", "refund still missing after a month", "rude staff and a dirty room",
            "app crashes every time I log in", "waited two hours on hold", "charged twice for one order", "cold food and a long wait"];
        string[] positive = ["arrived a day early, great", "lovely staff and a spotless room", "refund came the same day", "works perfectly, very happy",
            "quick friendly help on the phone", "best pizza in town", "easy checkout and fast delivery", "the app is simple and quick"];
        var rows = negative.Select(t => new CorpusRow(t, "negative", "general", "retention", "review", "en"))
            .Concat(positive.Select(t => new CorpusRow(t, "positive", "general", "retention", "review", "en"))).ToList();
        var path = Path.Combine(_dir, "sentiment.zip");

        var trained = ModelTrainer.TrainOne(rows, r => [r.Sentiment], path, ModelTrainer.DefaultSeed, SentimentLexicon.Empty, weightFeatures: true);
        Assert.True(trained.HasFeatureWeights);
        var loaded = TextClassifier.Load(new MLContext(ModelTrainer.DefaultSeed), path);
        Assert.True(loaded.HasFeatureWeights);

        foreach (var text in (string[])["my parcel never arrived and nobody answers", "friendly staff, spotless room", "ok"])
        {
            var normalized = TextNormalizer.Normalize(text, SentimentLexicon.Empty);
            var a = trained.Predict(normalized);
            var b = loaded.Predict(normalized);
            Assert.Equal(a.Label, b.Label);
            Assert.Equal(a.Probabilities["negative"], b.Probabilities["negative"], 6);
        }
        Assert.Equal("negative", loaded.Predict(TextNormalizer.Normalize("the parcel never arrived, useless", SentimentLexicon.Empty)).Label);
        Assert.Equal("positive", loaded.Predict(TextNormalizer.Normalize("lovely staff, works perfectly", SentimentLexicon.Empty)).Label);
    }

    [Fact]
    public void AModelTrainedWithoutWeightsStillLoads()
    {
        var rows = new[] { ("fine", "positive"), ("bad", "negative"), ("great", "positive"), ("awful", "negative") }
            .Select(x => new CorpusRow(x.Item1, x.Item2, "general", "retention", "review", "en")).ToList();
        var path = Path.Combine(_dir, "plain.zip");
        ModelTrainer.TrainOne(rows, r => [r.Sentiment], path, ModelTrainer.DefaultSeed, SentimentLexicon.Empty, weightFeatures: false);
        var loaded = TextClassifier.Load(new MLContext(ModelTrainer.DefaultSeed), path);
        Assert.False(loaded.HasFeatureWeights);
    }

    /// <summary>ML.NET's probabilities with the scores divided by the temperature (log-probabilities are the scores up to a constant).</summary>
    private static float[] Tempered(float[] probabilities, double temperature)
    {
        var scores = probabilities.Select(p => Math.Log(Math.Max(p, 1e-30)) / temperature).ToArray();
        var max = scores.Max();
        var sum = scores.Sum(s => Math.Exp(s - max));
        return [.. scores.Select(s => (float)(Math.Exp(s - max) / sum))];
    }

    private sealed class EngineOutput
    {
        [ColumnName("Score")]
        public float[] Score { get; set; } = [];
    }

    [Theory]
    [InlineData("sentiment.zip")]
    [InlineData("topics.zip")]
    [InlineData("language.zip")]
    public void TheClassifierScoresAsMlNetDoesOnTheBundledModels(string file)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "models", file);
        var ml = new MLContext(ModelTrainer.DefaultSeed);
        var featurizer = file == "language.zip" ? HashedFeaturizer.Language : HashedFeaturizer.Text;
        var classifier = TextClassifier.Load(ml, path, featurizer);
        var weights = FeatureWeights.ReadFrom(path);
        Assert.Equal(weights is not null, classifier.HasFeatureWeights);
        var temperature = Calibration.ReadFrom(path);
        Assert.Equal(temperature, classifier.Temperature);
        var model = ml.Model.Load(path, out var schema);
        var engine = ml.Model.CreatePredictionEngine<FeatureInput, EngineOutput>(model, schema);
        string[] texts = ["Delivery was fast but the checkout kept failing", "nie polecam, paczka przyszła zniszczona", "Vše v pořádku, děkuji",
            "Siuntinys neatėjo jau dvi savaites", "ok", "", "😡😡", "The app logs me out every day and support never answers"];
        foreach (var text in texts)
        {
            var features = featurizer.Featurize(TextNormalizer.Normalize(text, SentimentLexicon.Empty));
            var expected = Tempered(engine.Predict(new FeatureInput { Features = weights is null ? features : weights.Apply(features) }).Score, temperature);
            var actual = classifier.Predict(features);
            Assert.Equal(expected.Length, classifier.Labels.Count);
            for (var c = 0; c < expected.Length; c++)
                Assert.Equal(expected[c], actual.Probabilities[classifier.Labels[c]], 4);
            Assert.Equal(classifier.Labels[Array.IndexOf(expected, expected.Max())], actual.Label);
        }
    }
}
