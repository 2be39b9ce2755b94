using System.Net;
using System.Net.Sockets;

namespace JourneyFeedback.Tests;

/// <summary>Ports and polling for the test projects that run real processes (linked into each of them).</summary>
public static class Net
{
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>
    /// Polls until <paramref name="probe"/> returns a value (30 s unless told); fails with what it waited for, and
    /// early with <paramref name="giveUp"/>'s reason when that returns one (a process that died, say).
    /// </summary>
    public static async Task<T> Eventually<T>(Func<Task<T?>> probe, string what, TimeSpan? timeout = null, Func<string?>? giveUp = null) where T : class
    {
        var limit = timeout ?? TimeSpan.FromSeconds(30);
        var deadline = DateTime.UtcNow + limit;
        while (true)
        {
            if (await probe() is { } value) return value;
            if (giveUp?.Invoke() is { } reason) throw new InvalidOperationException($"Gave up waiting for {what}: {reason}");
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Timed out after {limit.TotalSeconds:F0} s waiting for {what}.");
            await Task.Delay(100);
        }
    }
}
