using System.Reflection;
using JourneyFeedback.ServiceDefaults.Auth;

namespace JourneyFeedback.Aggregator.Http;

public static class FeedApi
{
    public static void MapFeedApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").RequireApiKey(ApiScopes.ReadFeed);
        api.MapGet("/stages", (FeedQueries feed, string? window, string? channel, string? language, string? segment, CancellationToken ct) =>
            Answer(async () => (await feed.StagesAsync(new FeedFilter(window, channel, language, segment), ct)).Select(FeedJson.Stage)));

        api.MapGet("/stages/{stage}", (FeedQueries feed, string stage, string? window, string? channel, string? language, string? segment, CancellationToken ct) =>
            Answer(async () => FeedJson.Stage(await feed.StageAsync(stage, new FeedFilter(window, channel, language, segment), ct))));

        api.MapGet("/pain-points", (FeedQueries feed, string? stage, string? window, string? channel, string? language, string? segment,
            string? topic, int? pageSize, string? pageToken, CancellationToken ct) => Answer(async () =>
        {
            var page = await feed.PainPointsAsync(stage, new FeedFilter(window, channel, language, segment, topic), pageSize ?? 0, pageToken, ct);
            return new { items = page.Items.Select(FeedJson.PainPoint), nextPageToken = page.NextPageToken };
        }));

        api.MapGet("/pain-points/{id}", async (FeedQueries feed, string id, int? verbatims, string? window, CancellationToken ct) =>
        {
            try
            {
                return await feed.PainPointAsync(id, verbatims ?? 0, window, ct) is { } view
                    ? Results.Ok(FeedJson.PainPoint(view))
                    : Results.Problem($"no pain point '{id}'", statusCode: 404);
            }
            catch (ArgumentException e) { return Invalid(e); }
        });

        api.MapGet("/pain-points.csv", async (FeedQueries feed, string? stage, string? window, string? channel, string? language,
            string? segment, string? topic, CancellationToken ct) =>
        {
            try
            {
                var filter = new FeedFilter(window, channel, language, segment, topic);
                var stages = string.IsNullOrEmpty(stage) ? feed.Journey.Stages : [stage];
                var rows = new List<PainPointView>();
                foreach (var s in stages)
                    rows.AddRange((await feed.PainPointsAsync(s, filter, FeedQueries.MaxPageSize, null, ct)).Items);
                return Results.Text(CsvExport.Write(rows), "text/csv; charset=utf-8");
            }
            catch (ArgumentException e) { return Invalid(e); }
        });

        api.MapGet("/events", FeedEvents.StreamAsync);
    }

    private static async Task<IResult> Answer<T>(Func<Task<T>> query)
    {
        try { return Results.Ok(await query()); }
        catch (ArgumentException e) { return Invalid(e); }
    }

    private static IResult Invalid(ArgumentException e)
    {
        var field = e.ParamName switch { "page_size" => "pageSize", "page_token" => "pageToken", var p => p ?? "query" };
        return Results.ValidationProblem(
            new Dictionary<string, string[]> { [field] = [e.Message.Replace($" (Parameter '{e.ParamName}')", "")] },
            title: "Invalid query");
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
