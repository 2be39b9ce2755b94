using System.Reflection;
using JourneyFeedback.ServiceDefaults.Auth;

namespace JourneyFeedback.Aggregator.Http;

public static class FeedApi
{
    public static void MapFeedApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").RequireApiKey(ApiScopes.ReadFeed);
        api.MapGet("/stages", async (FeedQueries feed, CancellationToken ct) =>
            Results.Ok((await feed.StagesAsync(ct)).Select(s => new
            {
                name = s.Stage,
                feedbackCount = s.FeedbackCount,
                painPointCount = s.PainPointCount,
                averageSentiment = Math.Round(s.AverageSentiment, 4),
            })));

        api.MapGet("/pain-points", async (FeedQueries feed, string? stage, int? pageSize, string? pageToken, CancellationToken ct) =>
        {
            try
            {
                var page = await feed.PainPointsAsync(stage, pageSize ?? 0, pageToken, ct);
                return Results.Ok(new { items = page.Items, nextPageToken = page.NextPageToken });
            }
            catch (ArgumentException e)
            {
                var field = e.ParamName switch { "page_size" => "pageSize", "page_token" => "pageToken", var p => p ?? "query" };
                return Results.ValidationProblem(
                    new Dictionary<string, string[]> { [field] = [e.Message.Replace($" (Parameter '{e.ParamName}')", "")] },
                    title: "Invalid query");
            }
        });
    }

    /// <summary>The page at / — static files embedded in this assembly, so `make run` needs nothing else.</summary>
    public static void MapDashboard(this IEndpointRouteBuilder app)
    {
        var assembly = typeof(FeedApi).Assembly;
        app.MapGet("/", () => Embedded(assembly, "index.html", "text/html; charset=utf-8")).RequireApiKey(ApiScopes.ReadFeed);
        app.MapGet("/dashboard/{file}", (string file) => file switch
        {
            "app.js" => Embedded(assembly, file, "text/javascript; charset=utf-8"),
            "style.css" => Embedded(assembly, file, "text/css; charset=utf-8"),
            _ => Results.NotFound(),
        }).RequireApiKey(ApiScopes.ReadFeed);
    }

    private static IResult Embedded(Assembly assembly, string name, string contentType) =>
        assembly.GetManifestResourceStream($"dashboard/{name}") is { } stream
            ? Results.Stream(stream, contentType)
            : Results.NotFound();
}
