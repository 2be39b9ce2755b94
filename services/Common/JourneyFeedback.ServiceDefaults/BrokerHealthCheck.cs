using System.Net.Sockets;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace JourneyFeedback.ServiceDefaults;

/// <summary>
/// Readiness: the broker answers on its port. MassTransit's own check watches receive endpoints, and a
/// publisher-only service such as Ingestion has none, so without this it would stay ready through an outage.
/// </summary>
internal sealed class BrokerHealthCheck(Uri broker) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(2));
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(broker.Host, broker.Port > 0 ? broker.Port : 5672, timeout.Token);
            return HealthCheckResult.Healthy();
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy($"RabbitMQ at {broker.Host}:{broker.Port} is unreachable", e);
        }
    }
}
