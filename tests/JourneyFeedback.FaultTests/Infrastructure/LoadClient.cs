using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace JourneyFeedback.FaultTests.Infrastructure;

/// <summary>
/// Sends feedback as a well-behaved webhook sender does: each item has an external id, and an item that got
/// 503, 429 or no answer at all is sent again (the id makes the retry safe) until Ingestion acknowledges it.
/// Items are paced at <paramref name="perSecond"/>, so the stream is still flowing when a fault hits and after.
/// </summary>
public sealed class LoadClient(ServiceHost ingestion, int perSecond, int concurrency = 8)
{
    private static readonly string[] Texts =
    [
        "The checkout kept rejecting my card and support never answered",
        "Delivery was fast and the packaging was lovely",
        "I could not find the return policy anywhere on the site",
        "The app logs me out every time I open it, so annoying",
        "Great prices, I will recommend you to my friends",
        "Zamówienie przyszło uszkodzone i nikt nie odpisuje",
        "Doprava byla rychlá, ale balík byl poškozený",
    ];

    private readonly ConcurrentDictionary<int, Guid> _acknowledged = new();
    private int _unavailable;

    public int Acknowledged => _acknowledged.Count;
    public IReadOnlyCollection<Guid> AcknowledgedIds => [.. _acknowledged.Values.Distinct()];
    public int UnavailableAnswers => _unavailable;

    public Guid IdOf(int item) => _acknowledged[item];

    public static string TextOf(int item, int? poison) =>
        $"{Texts[item % Texts.Length]} (#{item})" + (item == poison ? " " + Pipeline.PoisonMarker : "");

    /// <summary>Sends items 0..count-1 and returns when every one is acknowledged, or fails after <paramref name="timeout"/>.</summary>
    public async Task SendAsync(int count, TimeSpan timeout, int? poison = null)
    {
        using var deadline = new CancellationTokenSource(timeout);
        var next = -1;
        var started = DateTime.UtcNow;
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            for (var item = Interlocked.Increment(ref next); item < count; item = Interlocked.Increment(ref next))
            {
                if (started + TimeSpan.FromSeconds((double)item / perSecond) - DateTime.UtcNow is { Ticks: > 0 } early)
                    await Task.Delay(early, deadline.Token);
                _acknowledged[item] = await SendUntilAcknowledgedAsync(item, poison, deadline.Token);
            }
        }));
    }

    private async Task<Guid> SendUntilAcknowledgedAsync(int item, int? poison, CancellationToken ct)
    {
        var body = new { channel = "survey", externalId = $"fault-{item}", text = TextOf(item, poison) };
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            try
            {
                using var response = await ingestion.Http.PostAsJsonAsync(new Uri(ingestion.BaseAddress, "/webhooks/faults"), body, ct);
                if (response.StatusCode is HttpStatusCode.Accepted or HttpStatusCode.OK)
                {
                    using var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
                    return answer.RootElement.GetProperty("feedbackId").GetGuid();
                }
                if (response.StatusCode is not (HttpStatusCode.ServiceUnavailable or HttpStatusCode.TooManyRequests))
                    throw new InvalidOperationException($"item {item}: unexpected {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(ct)}");
                Interlocked.Increment(ref _unavailable);
            }
            catch (Exception e) when (e is HttpRequestException || (e is TaskCanceledException && !ct.IsCancellationRequested))
            {
                // No answer: maybe taken, maybe not. The retry carries the same external id, so it is counted once either way.
            }
            await Task.Delay(500, ct);
        }
    }
}
