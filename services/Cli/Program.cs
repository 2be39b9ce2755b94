using JourneyFeedback.Cli;

return await JfCommand.RunAsync(args, Console.Out, Console.Error);
