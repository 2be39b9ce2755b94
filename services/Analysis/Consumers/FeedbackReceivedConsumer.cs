using JourneyFeedback.Contracts;
using JourneyFeedback.Ml;
using MassTransit;

namespace JourneyFeedback.Analysis.Consumers;

public sealed class FeedbackReceivedConsumer(FeedbackAnalyzer analyzer) : IConsumer<FeedbackReceived>
{
    public Task Consume(ConsumeContext<FeedbackReceived> context)
    {
        var feedback = context.Message.Feedback;
        var text = feedback.Subject is { Length: > 0 } subject ? $"{subject}. {feedback.Text}" : feedback.Text;
        var analysis = analyzer.Analyze(text, feedback.Language);
        return context.Publish(new FeedbackAnalyzed(feedback, analysis), context.CancellationToken);
    }
}

public sealed class FeedbackReceivedConsumerDefinition : ConsumerDefinition<FeedbackReceivedConsumer>
{
    // Classification is CPU-bound: one message per core keeps latency flat under load.
    public FeedbackReceivedConsumerDefinition() => ConcurrentMessageLimit = Environment.ProcessorCount * 2;
}
