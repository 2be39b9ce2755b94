using JourneyFeedback.Host;

AllInOne.Build(args).Run();
