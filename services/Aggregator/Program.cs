using JourneyFeedback.Aggregator;

AggregatorService.Build(args).Run();
