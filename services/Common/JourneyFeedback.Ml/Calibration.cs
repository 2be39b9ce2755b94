using System.Globalization;

namespace JourneyFeedback.Ml;

/// <summary>
/// Temperature scaling (Guo et al., 2017): the classifier's scores divided by one number T before the softmax, T fitted
/// so that the probabilities match how often the model is right on texts it was not trained on. A maximum-entropy model
/// fitted to its training texts is surer than it should be ("within a week" → positive 0.995); T &gt; 1 softens
/// every answer alike, so the most probable label never changes, only how sure the model says it is. The temperature is
/// kept in the model's zip; <see cref="TextClassifier"/> divides the weights by it at load, so it costs nothing per text.
/// </summary>
public static class Calibration
{
    public const string EntryName = "JourneyFeedback/Temperature.txt";

    private const double MinTemperature = 0.25;
    private const double MaxTemperature = 8;

    /// <summary>
    /// The temperature that minimises the negative log-likelihood of the true labels (the one minimum of a convex
    /// function of log T, found by golden-section search), from the probabilities a model gave texts it never saw.
    /// </summary>
    public static double FitTemperature(IReadOnlyList<(IReadOnlyDictionary<string, double> Probabilities, string Label)> examples)
    {
        ArgumentOutOfRangeException.ThrowIfZero(examples.Count);
        // Log-probabilities are the scores up to a constant per text, which the softmax ignores.
        var scored = examples
            .Where(e => e.Probabilities.ContainsKey(e.Label))
            .Select(e =>
            {
                var labels = e.Probabilities.Keys.ToList();
                return (Scores: labels.Select(l => Math.Log(Math.Max(e.Probabilities[l], 1e-12))).ToArray(), Truth: labels.IndexOf(e.Label));
            })
            .ToList();
        if (scored.Count == 0) throw new ArgumentException("no example's label is among the model's classes", nameof(examples));

        double Loss(double logT)
        {
            var t = Math.Exp(logT);
            double total = 0;
            foreach (var (scores, truth) in scored)
            {
                var max = scores.Max() / t;
                var sum = 0.0;
                foreach (var s in scores) sum += Math.Exp(s / t - max);
                total += max + Math.Log(sum) - scores[truth] / t;
            }
            return total / scored.Count;
        }

        double a = Math.Log(MinTemperature), b = Math.Log(MaxTemperature);
        var ratio = (Math.Sqrt(5) - 1) / 2;
        double c = b - ratio * (b - a), d = a + ratio * (b - a), fc = Loss(c), fd = Loss(d);
        while (b - a > 1e-4)
        {
            if (fc < fd)
            {
                (b, d, fd) = (d, c, fc);
                c = b - ratio * (b - a);
                fc = Loss(c);
            }
            else
            {
                (a, c, fc) = (c, d, fd);
                d = a + ratio * (b - a);
                fd = Loss(d);
            }
        }
        return Math.Round(Math.Exp((a + b) / 2), 3);
    }

    /// <summary>Adds the temperature to a saved model's zip.</summary>
    public static void AppendTo(string modelZip, double temperature)
    {
        if (!(temperature > 0) || double.IsInfinity(temperature)) throw new ArgumentOutOfRangeException(nameof(temperature), temperature, "must be a positive number");
        ModelZip.Write(modelZip, EntryName, stream =>
        {
            using var writer = new StreamWriter(stream);
            writer.Write(temperature.ToString("R", CultureInfo.InvariantCulture));
        });
    }

    /// <summary>The temperature kept in a model's zip, or 1 (the model's own probabilities) for a model without one.</summary>
    public static double ReadFrom(string modelZip) => ModelZip.Read(modelZip, EntryName, stream =>
    {
        using var reader = new StreamReader(stream);
        var text = reader.ReadToEnd().Trim();
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var t) && t > 0 && !double.IsInfinity(t)
            ? t
            : throw new InvalidDataException($"{modelZip}: temperature '{text}' is not a positive number");
    }, absent: 1.0);
}
