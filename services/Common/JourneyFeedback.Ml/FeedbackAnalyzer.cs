using System.Text.RegularExpressions;
using JourneyFeedback.Contracts;
using Microsoft.ML;

namespace JourneyFeedback.Ml;

/// <summary>
/// Classifies one feedback text with the trained models: language, document sentiment, clause-level
/// aspects, topics and a journey-stage hint. Thread-safe; load once per process.
/// </summary>
public sealed partial class FeedbackAnalyzer : IDisposable
{
    public const string Unscored = "unscored";
    private const double TopicThreshold = 0.2;

    private readonly TextClassifier _sentiment;
    private readonly TextClassifier _topics;
    private readonly TextClassifier _stage;

    private readonly SentimentLexicon _lexicon;

    private FeedbackAnalyzer(TextClassifier sentiment, TextClassifier topics, TextClassifier stage, SentimentLexicon lexicon,
        string version, IReadOnlySet<string> languages)
    {
        _lexicon = lexicon;
        _sentiment = sentiment;
        _topics = topics;
        _stage = stage;
        ModelVersion = version;
        Languages = languages;
    }

    public string ModelVersion { get; }

    /// <summary>Languages the sentiment model was trained on; others are marked unscored.</summary>
    public IReadOnlySet<string> Languages { get; }

    public static FeedbackAnalyzer Load(string modelDirectory, string? topicModelPath = null)
    {
        if (!File.Exists(Path.Combine(modelDirectory, "sentiment.zip")))
            throw new FileNotFoundException($"No models in '{Path.GetFullPath(modelDirectory)}': run `make train` or set Analysis:ModelDirectory.");
        var ml = new MLContext(ModelTrainer.DefaultSeed);
        var card = ModelCard.TryRead(modelDirectory);
        return new FeedbackAnalyzer(
            TextClassifier.Load(ml, Path.Combine(modelDirectory, "sentiment.zip")),
            TextClassifier.Load(ml, topicModelPath ?? Path.Combine(modelDirectory, "topics.zip")),
            TextClassifier.Load(ml, Path.Combine(modelDirectory, "stage.zip")),
            SentimentLexicon.Load(modelDirectory),
            card?.Version ?? "unversioned",
            (card?.RowsPerLanguage.Keys ?? ["en"]).ToHashSet());
    }

    public AnalysisResult Analyze(string text, string? language = null)
    {
        var lang = string.IsNullOrWhiteSpace(language) ? LanguageDetector.Detect(text) : language.ToLowerInvariant();
        var normalized = TextNormalizer.Normalize(text, _lexicon);
        if (normalized.Length == 0 || !Languages.Contains(lang))
            return new AnalysisResult
            {
                Language = lang,
                Sentiment = new SentimentResult(Unscored, 0, 0),
                ModelVersion = ModelVersion,
            };

        var topics = _topics.Predict(normalized);
        var clauses = SplitClauses(text);
        var aspects = clauses.Count > 1
            ? clauses.Select(c =>
            {
                var n = TextNormalizer.Normalize(c, _lexicon);
                return new AspectResult(c, _topics.Predict(n).Label, ToSentiment(_sentiment.Predict(n)));
            }).ToList()
            : [new AspectResult(text.Trim(), topics.Label, ToSentiment(_sentiment.Predict(normalized)))];

        return new AnalysisResult
        {
            Language = lang,
            Sentiment = clauses.Count > 1 ? ToSentiment(_sentiment.Predict(normalized)) : aspects[0].Sentiment,
            Topics = topics.Probabilities
                .Where(p => p.Value >= TopicThreshold || p.Key == topics.Label)
                .OrderByDescending(p => p.Value)
                .Select(p => new TopicScore(p.Key, Math.Round(p.Value, 4)))
                .ToList(),
            Aspects = aspects,
            StageHint = _stage.Predict(normalized).Label,
            ModelVersion = ModelVersion,
        };
    }

    /// <summary>Score = P(positive) − P(negative), so it stays in [-1, 1] and near 0 when the model is unsure.</summary>
    private static SentimentResult ToSentiment(ClassScores scores)
    {
        var score = scores.Probabilities.GetValueOrDefault("positive") - scores.Probabilities.GetValueOrDefault("negative");
        return new SentimentResult(scores.Label, Math.Round(score, 4), Math.Round(scores.Confidence, 4));
    }

    internal static List<string> SplitClauses(string text)
    {
        var clauses = ClauseBoundary().Split(text)
            .Select(c => LeadingContrast().Replace(c.Trim(), ""))
            .Where(c => c.Count(char.IsLetter) >= 3)
            .ToList();
        return clauses.Count == 0 ? [text.Trim()] : clauses;
    }

    [GeneratedRegex(@"(?<=[.!?;])\s+|\s*[;]\s*|,?\s+(?=\b(?:but|however|although|though|whereas|ale|jednak|bet|tačiau)\b)", RegexOptions.IgnoreCase)]
    private static partial Regex ClauseBoundary();

    [GeneratedRegex(@"^(?:but|however|although|though|whereas|ale|jednak|bet|tačiau)\b[\s,]*", RegexOptions.IgnoreCase)]
    private static partial Regex LeadingContrast();

    public void Dispose()
    {
        _sentiment.Dispose();
        _topics.Dispose();
        _stage.Dispose();
    }
}
