using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;

namespace JourneyFeedback.Ml;

public sealed class FeatureInput
{
    [VectorType(HashedFeaturizer.Dimension)]
    public VBuffer<float> Features { get; set; }

    public string Label { get; set; } = "";

    /// <summary>How much the example counts in training (see <see cref="ModelTask.BalanceClasses"/>); unused when predicting.</summary>
    public float Weight { get; set; } = 1;
}

public readonly record struct ClassScores(string Label, double Confidence, IReadOnlyDictionary<string, double> Probabilities);

/// <summary>
/// One trained ML.NET maximum-entropy classifier (multinomial logistic regression) over hashed text features.
/// ML.NET trains and saves it; scoring reads its weights and biases out once and computes the softmax itself, with
/// the weights laid out feature by feature (only the features the model weighs), so the few hundred features of a text
/// touch one cache line each instead of one per class, and no per-thread prediction engine is needed (the classifier is thread-safe). Its
/// <see cref="FeatureWeights"/>, if any, are multiplied into the weights at load: scaling a feature before a linear
/// model is scaling its weight, so they cost nothing per text; so is its <see cref="Calibration"/> temperature, by which
/// the weights and biases are divided. Without a temperature, probabilities match ML.NET's own to float rounding.
/// </summary>
public sealed class TextClassifier
{
    private readonly string[] _labels;
    private readonly int[] _rows; // feature → its row in _weights, or -1 when the model gives it no weight
    private readonly float[] _weights; // one row per feature with a weight: _weights[row * classes + class]
    private readonly float[] _biases;

    public TextClassifier(ITransformer model, DataViewSchema inputSchema, HashedFeaturizer featurizer, FeatureWeights? weights = null, double temperature = 1)
    {
        if (!(temperature > 0) || double.IsInfinity(temperature))
            throw new ArgumentOutOfRangeException(nameof(temperature), temperature, "must be a positive number");
        Featurizer = featurizer;
        HasFeatureWeights = weights is not null;
        Temperature = temperature;
        var parameters = FindParameters(model)
            ?? throw new InvalidDataException("not a maximum-entropy (multinomial logistic regression) model: cannot score it");
        VBuffer<ReadOnlyMemory<char>> names = default;
        model.GetOutputSchema(inputSchema)["Score"].GetSlotNames(ref names);
        _labels = names.DenseValues().Select(n => n.ToString()).ToArray();

        VBuffer<float>[] perClass = [];
        parameters.GetWeights(ref perClass, out var classes);
        _biases = parameters.GetBiases().Select(b => (float)(b / temperature)).ToArray();
        if (classes != _labels.Length || _biases.Length != classes)
            throw new InvalidDataException($"model has {classes} classes, {_biases.Length} biases and {_labels.Length} label names");
        var dimension = perClass[0].Length;
        if (weights is not null && weights.Dimension != dimension)
            throw new InvalidDataException($"feature weights of {weights.Dimension} slots for a model of {dimension}");

        // Rows only for the features some class weighs (all of them for L-BFGS; few for the sparse language model).
        _rows = new int[dimension];
        Array.Fill(_rows, -1);
        var used = 0;
        foreach (var w in perClass)
            foreach (var (f, v) in w.Items())
                if (v != 0 && _rows[f] < 0) _rows[f] = used++;
        _weights = new float[used * classes];
        for (var c = 0; c < classes; c++)
            foreach (var (f, v) in perClass[c].Items())
                if (v != 0) _weights[_rows[f] * classes + c] = (float)(v * (weights?[f] ?? 1) / temperature);
    }

    private static LinearMulticlassModelParametersBase? FindParameters(ITransformer model) => model switch
    {
        ISingleFeaturePredictionTransformer<object> { Model: MaximumEntropyModelParameters p } => p,
        IEnumerable<ITransformer> chain => chain.Select(FindParameters).LastOrDefault(p => p is not null),
        _ => null,
    };

    public static TextClassifier Load(MLContext ml, string path, HashedFeaturizer? featurizer = null)
    {
        var model = ml.Model.Load(path, out var schema);
        return new TextClassifier(model, schema, featurizer ?? HashedFeaturizer.Text, FeatureWeights.ReadFrom(path), Calibration.ReadFrom(path));
    }

    public HashedFeaturizer Featurizer { get; }

    public IReadOnlyList<string> Labels => _labels;

    /// <summary>Whether the model was trained on features scaled by <see cref="FeatureWeights"/>.</summary>
    public bool HasFeatureWeights { get; }

    /// <summary>The <see cref="Calibration"/> temperature the scores are divided by (1: the model's own probabilities).</summary>
    public double Temperature { get; }

    /// <summary>Scores text that already went through <see cref="TextNormalizer"/>.</summary>
    public ClassScores Predict(string normalizedText) => Predict(Featurizer.Featurize(normalizedText));

    /// <summary>Scores features from <see cref="Featurizer"/>, so several models can share one featurisation.</summary>
    public ClassScores Predict(VBuffer<float> features)
    {
        if (features.Length != _rows.Length)
            throw new ArgumentException($"features have {features.Length} slots, the model {_rows.Length}", nameof(features));
        var classes = _labels.Length;
        Span<double> scores = classes <= 64 ? stackalloc double[classes] : new double[classes];
        for (var c = 0; c < classes; c++) scores[c] = _biases[c];
        var values = features.GetValues();
        if (features.IsDense)
        {
            for (var f = 0; f < values.Length; f++)
                if (values[f] != 0) AddFeature(scores, f, values[f]);
        }
        else
        {
            var indices = features.GetIndices();
            for (var k = 0; k < values.Length; k++) AddFeature(scores, indices[k], values[k]);
        }

        // Softmax, shifted by the largest score so no exponent overflows.
        var max = double.NegativeInfinity;
        foreach (var s in scores) max = Math.Max(max, s);
        double total = 0;
        for (var c = 0; c < classes; c++) total += scores[c] = Math.Exp(scores[c] - max);
        var probabilities = new Dictionary<string, double>(classes);
        var best = 0;
        var bestProbability = double.NegativeInfinity;
        for (var c = 0; c < classes; c++)
        {
            // Rounded through float, as ML.NET reports its scores.
            var p = (double)(float)(scores[c] / total);
            probabilities[_labels[c]] = p;
            if (p > bestProbability) (best, bestProbability) = (c, p);
        }
        return new ClassScores(_labels[best], bestProbability, probabilities);
    }

    private void AddFeature(Span<double> scores, int feature, float value)
    {
        var at = _rows[feature];
        if (at < 0) return;
        var row = _weights.AsSpan(at * scores.Length, scores.Length);
        for (var c = 0; c < row.Length; c++) scores[c] += row[c] * value;
    }
}
