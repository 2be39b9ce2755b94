using System.Diagnostics;

namespace JourneyFeedback.FaultTests.Infrastructure;

/// <summary>
/// One service as its own OS process (the built dll), so a test can SIGKILL or SIGTERM it and start it again on
/// the same ports. Its console goes to a log file that a failing test names.
/// </summary>
public sealed class ServiceHost(string service, string[] settings, IReadOnlyDictionary<string, string> environment) : IAsyncDisposable
{
    private Process? _process;
    private int _starts;

    public string Service => service;
    public int HttpPort { get; } = Net.FreePort();
    public int GrpcPort { get; } = Net.FreePort();
    public string LogPath => Path.Combine(Path.GetTempPath(), $"jf-fault-{service.ToLowerInvariant()}-{HttpPort}-{_starts}.log");
    public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromSeconds(30) };
    public Uri BaseAddress => new($"http://127.0.0.1:{HttpPort}");

    public async Task StartAsync()
    {
        _starts++;
        var dll = Repo.ServiceDll(service);
        if (!File.Exists(dll)) throw new FileNotFoundException("Build the solution first", dll);
        var psi = new ProcessStartInfo("bash") { WorkingDirectory = Path.GetDirectoryName(dll)! };
        // exec: the pid the test holds is the service itself, so a signal reaches it and not a shell.
        foreach (var arg in (string[])["-c", $"exec dotnet \"$@\" > '{LogPath}' 2>&1", "bash", dll,
                     $"--Endpoints:Http=http://127.0.0.1:{HttpPort}", $"--Endpoints:Grpc=http://127.0.0.1:{GrpcPort}", .. settings])
            psi.ArgumentList.Add(arg);
        foreach (var (key, value) in environment) psi.Environment[key] = value;
        _process = Process.Start(psi)!;
        await Net.Eventually(async () => await IsOkAsync("/alive") ? "alive" : null, $"{service} to answer /alive (log: {LogPath})",
            TimeSpan.FromSeconds(90), () => _process.HasExited ? $"{service} exited with {_process.ExitCode}; log: {LogPath}" : null);
    }

    public async Task<bool> IsOkAsync(string path)
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            using var response = await Http.GetAsync(new Uri(BaseAddress, path), timeout.Token);
            return response.IsSuccessStatusCode;
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>kill -9: no shutdown code runs, messages in flight are not acknowledged.</summary>
    public async Task KillAsync()
    {
        _process!.Kill();
        await _process.WaitForExitAsync();
    }

    /// <summary>kill -TERM, then waits for the process to drain and exit; returns its exit code.</summary>
    public async Task<int> TerminateAsync(TimeSpan timeout)
    {
        using (var kill = Process.Start("kill", ["-TERM", _process!.Id.ToString()])) await kill.WaitForExitAsync();
        using var cts = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cts.Token);
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }
        _process?.Dispose();
        Http.Dispose();
    }
}
