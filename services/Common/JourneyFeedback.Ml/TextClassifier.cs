using Microsoft.ML;
using Microsoft.ML.Data;

namespace JourneyFeedback.Ml;

public sealed class FeatureInput
{
    [VectorType(HashedFeaturizer.Dimension)]
    public VBuffer<float> Features { get; set; }

    public string Label { get; set; } = "";

    /// <summary>How much the example counts in training (see <see cref="ModelTask.BalanceClasses"/>); unused when predicting.</summary>
    public float Weight { get; set; } = 1;
}

/// <summary>
/// The class probabilities only: the label is the most probable class, so the model's own key-to-string
/// mapping of it is never asked for (one string less to build per prediction).
/// </summary>
public sealed class ClassPrediction
{
    [ColumnName("Score")]
    public float[] Score { get; set; } = [];
}

public readonly record struct ClassScores(string Label, double Confidence, IReadOnlyDictionary<string, double> Probabilities);

/// <summary>
/// One trained ML.NET classifier over hashed text features. A PredictionEngine is not thread-safe, so each
/// thread gets its own; the model itself is shared.
/// </summary>
public sealed class TextClassifier : IDisposable
{
    private readonly ThreadLocal<(PredictionEngine<FeatureInput, ClassPrediction> Engine, ClassPrediction Output)> _engines;
    private readonly string[] _labels;

    private readonly FeatureWeights? _weights;

    public TextClassifier(MLContext ml, ITransformer model, DataViewSchema inputSchema, HashedFeaturizer featurizer, FeatureWeights? weights = null)
    {
        Featurizer = featurizer;
        _weights = weights;
        _engines = new ThreadLocal<(PredictionEngine<FeatureInput, ClassPrediction>, ClassPrediction)>(
            () => (ml.Model.CreatePredictionEngine<FeatureInput, ClassPrediction>(model, inputSchema), new ClassPrediction()), trackAllValues: true);
        VBuffer<ReadOnlyMemory<char>> names = default;
        _engines.Value.Engine.OutputSchema["Score"].GetSlotNames(ref names);
        _labels = names.DenseValues().Select(n => n.ToString()).ToArray();
    }

    public static TextClassifier Load(MLContext ml, string path, HashedFeaturizer? featurizer = null)
    {
        var model = ml.Model.Load(path, out var schema);
        return new TextClassifier(ml, model, schema, featurizer ?? HashedFeaturizer.Text, FeatureWeights.ReadFrom(path));
    }

    public HashedFeaturizer Featurizer { get; }

    public IReadOnlyList<string> Labels => _labels;

    /// <summary>The per-feature weights the model was trained with, if any (see <see cref="FeatureWeights"/>).</summary>
    public FeatureWeights? Weights => _weights;

    /// <summary>Scores text that already went through <see cref="TextNormalizer"/>.</summary>
    public ClassScores Predict(string normalizedText) => Predict(Featurizer.Featurize(normalizedText));

    /// <summary>Scores features from <see cref="Featurizer"/>, so several models can share one featurisation.</summary>
    public ClassScores Predict(VBuffer<float> features)
    {
        // Each thread's output object is reused: its scores are copied out before the next prediction.
        var (engine, prediction) = _engines.Value;
        engine.Predict(new FeatureInput { Features = _weights is null ? features : _weights.Apply(features) }, ref prediction);
        var probabilities = new Dictionary<string, double>(_labels.Length);
        var best = 0;
        for (var i = 0; i < _labels.Length; i++)
        {
            probabilities[_labels[i]] = prediction.Score[i];
            if (prediction.Score[i] > prediction.Score[best]) best = i;
        }
        return new ClassScores(_labels[best], prediction.Score[best], probabilities);
    }

    public void Dispose()
    {
        foreach (var (engine, _) in _engines.Values) engine.Dispose();
        _engines.Dispose();
    }
}
