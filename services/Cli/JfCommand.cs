using System.CommandLine;
using JourneyFeedback.Cli.Errors;
using JourneyFeedback.Cli.Import;

namespace JourneyFeedback.Cli;

/// <summary>jf: send or import feedback, read the feed, manage API keys, train the models.</summary>
public static class JfCommand
{
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken ct = default)
    {
        var server = new Option<string>("--server", "-s")
        {
            Description = "gRPC address of JourneyFeedback (env JF_SERVER)",
            DefaultValueFactory = _ => Environment.GetEnvironmentVariable("JF_SERVER") ?? "http://localhost:5081",
            Recursive = true,
        };
        var root = new RootCommand("jf — the JourneyFeedback command line");
        root.Options.Add(server);
        root.Options.Add(GrpcConnection.ApiKey);
        root.Subcommands.Add(SendCommands.Build(server, output));
        root.Subcommands.Add(FeedCommands.Stages(server, output));
        root.Subcommands.Add(FeedCommands.PainPoints(server, output));
        root.Subcommands.Add(FeedCommands.Watch(server, output));
        root.Subcommands.Add(ImportCommand.Build(server, output));
        root.Subcommands.Add(KeysCommand.Build(output));
        root.Subcommands.Add(ErrorsCommand.Build(output));
        root.Subcommands.Add(TrainCommand.Build(output));
        root.Subcommands.Add(AnalyzeCommand.Build(output));
        root.Subcommands.Add(EvaluateCommand.Build(output));
        root.Subcommands.Add(BenchCommand.Build(server, output));

        var parsed = root.Parse(args);
        return await parsed.InvokeAsync(new InvocationConfiguration { Output = output, Error = error }, ct);
    }
}
