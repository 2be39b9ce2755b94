using System.CommandLine;
using Grpc.Core;
using JourneyFeedback.Ingestion.V1;

namespace JourneyFeedback.Cli;

internal static class SendCommands
{
    public static Command Build(Option<string> server, TextWriter output)
    {
        var source = new Option<string>("--source") { Description = "Source name", DefaultValueFactory = _ => "jf-cli", Recursive = true };
        var externalId = new Option<string?>("--external-id") { Description = "Id in the sending system; resending it is counted once", Recursive = true };
        var stage = new Option<string?>("--stage") { Description = "Journey stage, if known", Recursive = true };
        var language = new Option<string?>("--language") { Description = "Language code, if known", Recursive = true };
        var customer = new Option<string?>("--customer") { Description = "Customer id", Recursive = true };
        var text = new Argument<string>("text") { Description = "The customer's words", Arity = ArgumentArity.ZeroOrOne, DefaultValueFactory = _ => "" };

        var send = new Command("send", "Send one piece of feedback to Ingestion");
        send.Options.Add(source);
        send.Options.Add(externalId);
        send.Options.Add(stage);
        send.Options.Add(language);
        send.Options.Add(customer);

        Origin OriginOf(ParseResult r) => new()
        {
            Source = r.GetValue(source) ?? "",
            ExternalId = r.GetValue(externalId) ?? "",
            Stage = r.GetValue(stage) ?? "",
            Language = r.GetValue(language) ?? "",
            CustomerId = r.GetValue(customer) ?? "",
        };

        var subject = new Option<string?>("--subject") { Description = "Ticket subject" };
        var priority = new Option<string?>("--priority") { Description = "low, normal, high or urgent" };
        var ticket = new Command("ticket", "A support ticket") { text, subject, priority };
        ticket.SetAction((r, ct) => Submit(r, server, output, (c, o) => c.SubmitTicketAsync(new Ticket
        {
            Origin = OriginOf(r), Text = r.GetValue(text) ?? "", Subject = r.GetValue(subject) ?? "", Priority = r.GetValue(priority) ?? "",
        }, cancellationToken: o), ct));

        var nps = new Option<int?>("--nps") { Description = "Net Promoter score, 0-10" };
        var csat = new Option<int?>("--csat") { Description = "Customer satisfaction, 1-5" };
        var ces = new Option<int?>("--ces") { Description = "Customer effort, 1-7" };
        var survey = new Command("survey", "A survey response") { text, nps, csat, ces };
        survey.SetAction((r, ct) =>
        {
            var response = new SurveyResponse { Origin = OriginOf(r), Text = r.GetValue(text) ?? "" };
            if (r.GetValue(nps) is { } n) response.Nps = n;
            if (r.GetValue(csat) is { } c) response.Csat = c;
            if (r.GetValue(ces) is { } e) response.Ces = e;
            return Submit(r, server, output, (client, o) => client.SubmitSurveyResponseAsync(response, cancellationToken: o), ct);
        });

        var rating = new Option<int>("--rating") { Description = "Star rating, 1-5" };
        var review = new Command("review", "A product or store review") { text, rating };
        review.SetAction((r, ct) => Submit(r, server, output, (c, o) => c.SubmitReviewAsync(new Review
        {
            Origin = OriginOf(r), Text = r.GetValue(text) ?? "", Rating = r.GetValue(rating),
        }, cancellationToken: o), ct));

        var platform = new Option<string?>("--platform") { Description = "e.g. x, instagram, reddit" };
        var social = new Command("social", "A social media mention") { text, platform };
        social.SetAction((r, ct) => Submit(r, server, output, (c, o) => c.SubmitSocialMentionAsync(new SocialMention
        {
            Origin = OriginOf(r), Text = r.GetValue(text) ?? "", Platform = r.GetValue(platform) ?? "",
        }, cancellationToken: o), ct));

        send.Subcommands.Add(ticket);
        send.Subcommands.Add(survey);
        send.Subcommands.Add(review);
        send.Subcommands.Add(social);
        return send;
    }

    private static async Task<int> Submit(ParseResult r, Option<string> server, TextWriter output,
        Func<FeedbackIngestion.FeedbackIngestionClient, CancellationToken, AsyncUnaryCall<SubmitResult>> call, CancellationToken ct)
    {
        using var connection = new GrpcConnection(r, server);
        try
        {
            var result = await call(new FeedbackIngestion.FeedbackIngestionClient(connection.Invoker), ct);
            await output.WriteLineAsync(result.Duplicate
                ? $"duplicate of {result.FeedbackId}"
                : $"accepted {result.FeedbackId}");
            return 0;
        }
        catch (RpcException e)
        {
            await r.InvocationConfiguration.Error.WriteLineAsync($"{e.StatusCode}: {e.Status.Detail}");
            return e.StatusCode is StatusCode.InvalidArgument ? 2 : e.StatusCode is StatusCode.Unauthenticated or StatusCode.PermissionDenied ? 3 : 1;
        }
    }
}
