using System.Diagnostics;
using JourneyFeedback.Host;
using JourneyFeedback.IntegrationTests.Infrastructure;

namespace JourneyFeedback.IntegrationTests;

/// <summary>
/// The dashboard in a real browser: Debian's headless Chromium, driven by tests/browser/dashboard.spec.mjs
/// (playwright-core, installed by scripts/test.sh) against an all-in-one host this test starts. The screenshot is
/// left in TestResults/browser/.
/// </summary>
public sealed class DashboardBrowserTests
{
    [Fact]
    public async Task APainPointAppearsLiveOnTheDashboardAndOpensToItsVerbatim()
    {
        var root = RepositoryRoot();
        Assert.True(Directory.Exists(Path.Combine(root, "tests/browser/node_modules/playwright-core")),
            "playwright-core is not installed: run `make test` (it runs npm ci in tests/browser) or `npm ci --prefix tests/browser`");
        await using var host = await ServiceProcess.StartAsync(AllInOne.Build);

        var artifacts = Path.Combine(root, "TestResults", "browser");
        var start = new ProcessStartInfo("node", ["tests/browser/dashboard.spec.mjs"])
        {
            WorkingDirectory = root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment = { ["BASE_URL"] = $"http://127.0.0.1:{host.HttpPort}", ["ARTIFACT_DIR"] = artifacts },
        };
        using var node = Process.Start(start)!;
        var stdout = node.StandardOutput.ReadToEndAsync();
        var stderr = node.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        try { await node.WaitForExitAsync(cts.Token); }
        catch (OperationCanceledException)
        {
            node.Kill(entireProcessTree: true);
            throw;
        }
        Assert.True(node.ExitCode == 0, $"browser test failed:\n{await stdout}\n{await stderr}");
        Assert.True(File.Exists(Path.Combine(artifacts, "dashboard.png")));
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "JourneyFeedback.sln"))) return dir.FullName;
        throw new InvalidOperationException("JourneyFeedback.sln not found above " + AppContext.BaseDirectory);
    }
}
