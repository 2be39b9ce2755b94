using JourneyFeedback.Aggregator.Alerts;
using JourneyFeedback.Contracts;
using JourneyFeedback.Store;
using MassTransit;

namespace JourneyFeedback.Aggregator.Consumers;

public sealed class FeedbackAnalyzedConsumer(StageAssigner assigner, IFeedbackStore store, SpikeDetector spikes) : IConsumer<FeedbackAnalyzed>
{
    public async Task Consume(ConsumeContext<FeedbackAnalyzed> context)
    {
        var record = assigner.ToRecord(context.Message);
        // A redelivery is not counted again, but its event is published again: PainPointTagged is at-least-once.
        await store.RecordAsync(record, context.CancellationToken);
        if (record.PainPoint is not { } pain) return;
        await context.Publish(new PainPointTagged(pain.FeedbackId, pain.Stage, pain.StageReason, pain.Topic,
            pain.Sentiment, pain.Channel, pain.Source, pain.ReceivedAt), context.CancellationToken);
        if (await spikes.CheckAsync(pain.FeedbackId, context.CancellationToken) is { } spike)
            await context.Publish(spike, context.CancellationToken);
    }
}

public sealed class FeedbackAnalyzedConsumerDefinition : ConsumerDefinition<FeedbackAnalyzedConsumer>
{
    public FeedbackAnalyzedConsumerDefinition() => ConcurrentMessageLimit = 32;
}
