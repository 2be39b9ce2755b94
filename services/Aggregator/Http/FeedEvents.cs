using System.Text.Json;

namespace JourneyFeedback.Aggregator.Http;

/// <summary>Server-Sent Events at /api/events: a "pain-point" event each time a pain point is created or grows.</summary>
public static class FeedEvents
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static async Task StreamAsync(HttpContext http, FeedQueries feed, TimeProvider clock, string? stage, CancellationToken ct)
    {
        try { feed.CheckStage(stage); }
        catch (ArgumentException e)
        {
            await Results.ValidationProblem(new Dictionary<string, string[]> { ["stage"] = [e.Message.Split(" (Parameter")[0]] }).ExecuteAsync(http);
            return;
        }
        http.Response.ContentType = "text/event-stream";
        http.Response.Headers.CacheControl = "no-cache";
        // Tells proxies such as nginx not to buffer the stream.
        http.Response.Headers["X-Accel-Buffering"] = "no";
        await http.Response.WriteAsync(": connected\n\n", ct);
        await http.Response.Body.FlushAsync(ct);
        try
        {
            await foreach (var pain in feed.WatchAsync(ct))
            {
                if (!string.IsNullOrEmpty(stage) && pain.Stage != stage) continue;
                var view = FeedQueries.View(pain, 24, clock.GetUtcNow(), []);
                await http.Response.WriteAsync($"event: pain-point\nid: {pain.Id}:{pain.Count}\ndata: {JsonSerializer.Serialize(FeedJson.PainPoint(view), Json)}\n\n", ct);
                await http.Response.Body.FlushAsync(ct);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The browser closed the page.
        }
    }
}
