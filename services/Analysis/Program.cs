using JourneyFeedback.Analysis;

AnalysisService.Build(args).Run();
