using JourneyFeedback.Ingestion;

IngestionService.Build(args).Run();
