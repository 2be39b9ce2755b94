using JourneyFeedback.Aggregator;
using JourneyFeedback.Aggregator.Alerts;
using JourneyFeedback.Aggregator.Consumers;
using JourneyFeedback.Analysis.Consumers;
using JourneyFeedback.Contracts;
using JourneyFeedback.Ml;
using JourneyFeedback.Store;
using MassTransit;
using MassTransit.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace JourneyFeedback.UnitTests;

public class ConsumerTests(AnalyzerFixture fixture) : IClassFixture<AnalyzerFixture>
{
    private async Task<(ServiceProvider, ITestHarness, InMemoryFeedbackStore)> Start()
    {
        var store = new InMemoryFeedbackStore();
        var provider = new ServiceCollection()
            .AddSingleton(fixture.Analyzer)
            .AddSingleton<IFeedbackStore>(store)
            .AddSingleton(JourneyMap.Default)
            .AddSingleton<StageAssigner>()
            .AddSingleton(TimeProvider.System)
            .AddSingleton(new AlertOptions())
            .AddSingleton<SpikeDetector>()
            .AddMassTransitTestHarness(x =>
            {
                x.AddConsumer<FeedbackReceivedConsumer>();
                x.AddConsumer<FeedbackAnalyzedConsumer>();
            })
            .BuildServiceProvider(true);
        var harness = provider.GetRequiredService<ITestHarness>();
        await harness.Start();
        return (provider, harness, store);
    }

    private static FeedbackItem Item(string text) => new()
    {
        FeedbackId = Guid.NewGuid(),
        Source = "test",
        Channel = Channels.Ticket,
        Text = text,
        ReceivedAt = DateTimeOffset.UtcNow,
    };

    [Fact]
    public async Task ReceivedFeedbackIsAnalysedAndFiledAsAPainPoint()
    {
        var (provider, harness, store) = await Start();
        await using var _ = provider;
        var item = Item("My card was declined at checkout three times, so annoying");

        await harness.Bus.Publish(new FeedbackReceived(item));

        Assert.True(await harness.Published.Any<FeedbackAnalyzed>(m => m.Context.Message.Feedback.FeedbackId == item.FeedbackId));
        Assert.True(await harness.Published.Any<PainPointTagged>(m => m.Context.Message.FeedbackId == item.FeedbackId));
        var page = await store.ListPainPointsAsync(new PainPointQuery("purchase"));
        Assert.Equal(item.FeedbackId, Assert.Single(page.Items).Latest.FeedbackId);
    }

    [Fact]
    public async Task ARedeliveredAnalysisIsCountedOnce()
    {
        var (provider, harness, store) = await Start();
        await using var _ = provider;
        var message = StageAssignerTests.Message("negative", -0.6, "delivery");

        await harness.Bus.Publish(message);
        await harness.Bus.Publish(message);

        await harness.InactivityTask;
        Assert.Equal(2, harness.Consumed.Select<FeedbackAnalyzed>().Count());
        var purchase = (await store.GetStageStatsAsync()).Single(s => s.Stage == "purchase");
        Assert.Equal((1, 1), (purchase.FeedbackCount, purchase.PainPointCount));
    }
}
