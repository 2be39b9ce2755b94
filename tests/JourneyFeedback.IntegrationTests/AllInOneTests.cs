extern alias cli;

using System.Net;
using System.Net.Http.Json;
using JourneyFeedback.Host;
using JourneyFeedback.IntegrationTests.Infrastructure;
using IngestV1 = cli::JourneyFeedback.Ingestion.V1;
using Jf = cli::JourneyFeedback.Cli.JfCommand;

namespace JourneyFeedback.IntegrationTests;

/// <summary>The `make run` composition: one process, in-memory bus and store, no external process at all.</summary>
public sealed class AllInOneTests : IAsyncLifetime
{
    private ServiceProcess _host = null!;
    private PipelineClient _client = null!;

    public async Task InitializeAsync()
    {
        _host = await ServiceProcess.StartAsync(AllInOne.Build);
        _client = new PipelineClient(_host.Grpc, _host.Grpc);
    }

    public Task DisposeAsync() => _host.DisposeAsync().AsTask();

    [Fact]
    public async Task ATicketFlowsToTheFeedInOneProcess()
    {
        var result = await _client.Ingestion.SubmitTicketAsync(new IngestV1.Ticket
        {
            Origin = PipelineClient.Origin(),
            Text = "Refund for my returned jacket still hasn't arrived after 3 weeks",
        });
        var pain = await _client.PainPointAsync("retention", result.FeedbackId);
        Assert.Equal("returns_refunds", pain.Topic);
        Assert.Equal(1, (await _client.StageAsync("retention")).FeedbackCount);
    }

    [Fact]
    public async Task TheCliSendsATicketAndReadsTheFeed()
    {
        var server = _host.Grpc.Target.StartsWith("http") ? _host.Grpc.Target : "http://" + _host.Grpc.Target;
        var output = new StringWriter();
        var error = new StringWriter();

        var code = await Jf.RunAsync(["send", "ticket", "The checkout kept rejecting my card", "--server", server, "--source", "helpdesk", "--external-id", "T-77"], output, error);
        Assert.True(code == 0, error.ToString());
        var id = output.ToString().Trim().Split(' ')[^1];
        Assert.StartsWith("accepted", output.ToString());

        var again = new StringWriter();
        Assert.Equal(0, await Jf.RunAsync(["send", "ticket", "The checkout kept rejecting my card", "-s", server, "--source", "helpdesk", "--external-id", "T-77"], again, error));
        Assert.Equal($"duplicate of {id}", again.ToString().Trim());

        await _client.PainPointAsync("purchase", id);
        var stages = new StringWriter();
        Assert.Equal(0, await Jf.RunAsync(["stages", "--server", server], stages, error));
        Assert.Matches(@"purchase\s+1\s+1", stages.ToString());
        var pains = new StringWriter();
        Assert.Equal(0, await Jf.RunAsync(["pain-points", "--stage", "purchase", "--server", server], pains, error));
        Assert.Contains("checkout_payment", pains.ToString());
    }

    [Fact]
    public async Task TheCliReportsAnInvalidRequestWithTheField()
    {
        var server = "http://" + _host.Grpc.Target.Replace("http://", "");
        var error = new StringWriter();
        var code = await Jf.RunAsync(["send", "survey", "meh", "--nps", "11", "--server", server], new StringWriter(), error);
        Assert.Equal(2, code);
        Assert.Contains("InvalidArgument", error.ToString());
        Assert.Contains("nps", error.ToString());
    }

    [Fact]
    public async Task TheDashboardAndHttpFeedAreServedByTheSameProcess()
    {
        var page = await _host.Http.GetStringAsync("/");
        Assert.Contains("JourneyFeedback", page);
        Assert.Equal(HttpStatusCode.OK, (await _host.Http.GetAsync("/dashboard/app.js")).StatusCode);

        var accepted = await _host.Http.PostAsJsonAsync("/webhooks/typeform", new { channel = "review", rating = 1, text = "Terrible quality, the seams came apart after one wash" });
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        var stages = await Net.Eventually(async () =>
        {
            var s = await _host.Http.GetFromJsonAsync<List<Dictionary<string, object>>>("/api/stages");
            return s!.Sum(x => int.Parse(x["feedbackCount"].ToString()!)) >= 1 ? s : null;
        }, "the webhook's feedback in /api/stages");
        Assert.Equal(5, stages.Count);
    }
}
