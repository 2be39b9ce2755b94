using JourneyFeedback.Contracts;
using JourneyFeedback.Ml;
using MassTransit;
using Microsoft.Extensions.Options;

namespace JourneyFeedback.Analysis.Consumers;

public sealed class FeedbackReceivedConsumer(FeedbackAnalyzer analyzer, IOptions<AnalysisOptions> options) : IConsumer<FeedbackReceived>
{
    public Task Consume(ConsumeContext<FeedbackReceived> context)
    {
        var feedback = context.Message.Feedback;
        var text = feedback.Subject is { Length: > 0 } subject ? $"{subject}. {feedback.Text}" : feedback.Text;
        if (options.Value.PoisonMarker is { Length: > 0 } marker && text.Contains(marker, StringComparison.Ordinal))
            throw new PoisonFeedbackException($"Feedback {feedback.FeedbackId} contains the poison marker (Analysis:PoisonMarker).");
        var analysis = analyzer.Analyze(text, feedback.Language);
        return context.Publish(new FeedbackAnalyzed(feedback, analysis), context.CancellationToken);
    }
}

public sealed class FeedbackReceivedConsumerDefinition : ConsumerDefinition<FeedbackReceivedConsumer>
{
    // Classification is CPU-bound: one message per core keeps latency flat under load.
    public FeedbackReceivedConsumerDefinition() => ConcurrentMessageLimit = Environment.ProcessorCount * 2;
}

public sealed class PoisonFeedbackException(string message) : Exception(message);
