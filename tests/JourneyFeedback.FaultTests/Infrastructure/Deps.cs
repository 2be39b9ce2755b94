using System.Diagnostics;

namespace JourneyFeedback.FaultTests.Infrastructure;

/// <summary>
/// A RabbitMQ and Redis of this scenario's own (scripts/deps.sh with a private JF_DEPS_DIR), so stopping
/// them disturbs nothing else; stop/start keep their ports and data.
/// </summary>
public sealed class Deps : IAsyncDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "jf-fault-" + Guid.NewGuid().ToString("N")[..12]);

    public string RabbitMqUrl { get; private set; } = "";
    public string RedisUrl { get; private set; } = "";

    public static async Task<Deps> StartAsync()
    {
        var deps = new Deps();
        foreach (var line in (await deps.RunAsync("start")).Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var (name, value) = (line.Replace("export ", "").Split('=', 2)[0], line.Split('=', 2)[1]);
            if (name == "RABBITMQ_URL") deps.RabbitMqUrl = value;
            if (name == "REDIS_URL") deps.RedisUrl = value;
        }
        if (deps.RabbitMqUrl == "" || deps.RedisUrl == "") throw new InvalidOperationException("scripts/deps.sh start printed no URLs");
        return deps;
    }

    public Task StopRabbitMqAsync() => RunAsync("stop-rabbitmq");
    public Task StartRabbitMqAsync() => RunAsync("start-rabbitmq");
    public Task StopRedisAsync() => RunAsync("stop-redis");
    public Task StartRedisAsync() => RunAsync("start-redis");

    private async Task<string> RunAsync(string command)
    {
        var psi = new ProcessStartInfo(Path.Combine(Repo.Root, "scripts", "deps.sh"), command)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment = { ["JF_DEPS_DIR"] = _dir },
        };
        using var process = Process.Start(psi)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0) throw new InvalidOperationException($"scripts/deps.sh {command} failed: {await stderr}");
        return await stdout;
    }

    public async ValueTask DisposeAsync() => await RunAsync("stop");
}
