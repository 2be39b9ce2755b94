extern alias cli;

using cli::JourneyFeedback.Cli;

namespace JourneyFeedback.UnitTests.Cli;

/// <summary>Runs jf in-process, as a user would from a shell, and keeps what it wrote.</summary>
internal static class Jf
{
    public static async Task<(int Code, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await JfCommand.RunAsync(args, output, error);
        return (code, output.ToString(), error.ToString());
    }
}
