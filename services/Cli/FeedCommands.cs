using System.CommandLine;
using Grpc.Core;
using JourneyFeedback.Feed.V1;

namespace JourneyFeedback.Cli;

internal static class FeedCommands
{
    public static Command Stages(Option<string> server, TextWriter output)
    {
        var command = new Command("stages", "Journey stages with feedback, pain points and average sentiment");
        command.SetAction(async (r, ct) => await Call(r, server, async client =>
        {
            var response = await client.ListStagesAsync(new ListStagesRequest(), cancellationToken: ct);
            await output.WriteLineAsync($"{"stage",-14} {"feedback",9} {"pain",6} {"sentiment",10}");
            foreach (var s in response.Stages)
                await output.WriteLineAsync($"{s.Name,-14} {s.FeedbackCount,9} {s.PainPointCount,6} {s.AverageSentiment,10:F2}");
        }));
        return command;
    }

    public static Command PainPoints(Option<string> server, TextWriter output)
    {
        var stage = new Option<string>("--stage") { Description = "Journey stage", Required = true };
        var limit = new Option<int>("--page-size") { Description = "How many", DefaultValueFactory = _ => 20 };
        var command = new Command("pain-points", "Newest pain points of one stage") { stage, limit };
        command.SetAction(async (r, ct) => await Call(r, server, async client =>
        {
            var response = await client.ListPainPointsAsync(new ListPainPointsRequest
            {
                Stage = r.GetValue(stage)!, PageSize = r.GetValue(limit),
            }, cancellationToken: ct);
            foreach (var p in response.PainPoints) await output.WriteLineAsync(Line(p));
        }));
        return command;
    }

    public static Command Watch(Option<string> server, TextWriter output)
    {
        var stage = new Option<string?>("--stage") { Description = "Only this stage" };
        var command = new Command("watch", "Stream new pain points until Ctrl+C") { stage };
        command.SetAction(async (r, ct) => await Call(r, server, async client =>
        {
            using var call = client.WatchPainPoints(new WatchPainPointsRequest { Stage = r.GetValue(stage) ?? "" }, cancellationToken: ct);
            try
            {
                await foreach (var p in call.ResponseStream.ReadAllAsync(ct)) await output.WriteLineAsync(Line(p));
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.Cancelled) { }
        }));
        return command;
    }

    private static string Line(PainPoint p) =>
        $"{p.ReceivedAt.ToDateTimeOffset():u}  {p.Stage,-13} {p.Topic,-22} {p.Sentiment,6:F2}  ×{p.Count,-4} sev {p.Severity,6:F1} {p.Trend,-7} " +
        $"[{string.Join(",", p.Channels.Keys)}/{string.Join(",", p.Languages.Keys)}] {p.Text}";

    private static async Task<int> Call(ParseResult r, Option<string> server, Func<JourneyFeed.JourneyFeedClient, Task> action)
    {
        using var connection = new GrpcConnection(r, server);
        try
        {
            await action(new JourneyFeed.JourneyFeedClient(connection.Invoker));
            return 0;
        }
        catch (RpcException e)
        {
            await r.InvocationConfiguration.Error.WriteLineAsync($"{e.StatusCode}: {e.Status.Detail}");
            return e.StatusCode is StatusCode.InvalidArgument ? 2 : e.StatusCode is StatusCode.Unauthenticated or StatusCode.PermissionDenied ? 3 : 1;
        }
    }
}
