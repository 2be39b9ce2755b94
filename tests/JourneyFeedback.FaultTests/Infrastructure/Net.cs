using System.Net;
using System.Net.Sockets;

namespace JourneyFeedback.FaultTests.Infrastructure;

public static class Net
{
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Polls until <paramref name="probe"/> returns a value; fails with what it waited for (and why it gave up early).</summary>
    public static async Task<T> Eventually<T>(Func<Task<T?>> probe, string what, TimeSpan timeout, Func<string?>? giveUp = null) where T : class
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (await probe() is { } value) return value;
            if (giveUp?.Invoke() is { } reason) throw new InvalidOperationException($"Gave up waiting for {what}: {reason}");
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Timed out after {timeout.TotalSeconds:F0} s waiting for {what}.");
            await Task.Delay(250);
        }
    }
}
