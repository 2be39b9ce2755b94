using System.CommandLine;
using RabbitMQ.Client;

namespace JourneyFeedback.Cli.Errors;

/// <summary>jf errors list | replay: the messages retries gave up on, why, and sending them again.</summary>
internal static class ErrorsCommand
{
    public static Command Build(TextWriter output)
    {
        var rabbit = new Option<string>("--rabbitmq")
        {
            Description = "RabbitMQ URL, amqp://user:pass@host:port/vhost (env RABBITMQ_URL)",
            DefaultValueFactory = _ => Environment.GetEnvironmentVariable("RABBITMQ_URL") ?? "amqp://guest:guest@localhost:5672/",
            Recursive = true,
        };
        var queue = new Option<string[]>("--queue")
        {
            Description = "Error queue(s) to read (default: " + string.Join(", ", ErrorQueue.Known) + ")",
            DefaultValueFactory = _ => ErrorQueue.Known,
            Recursive = true,
        };

        var list = new Command("list", "Show each failed message: queue, message id, type, exception and reason");
        list.SetAction(async (r, ct) => await WithQueues(r, rabbit, queue, ct, async q =>
        {
            foreach (var m in await q.TakeAllAsync(ct))
                await output.WriteLineAsync($"{m.Queue}\t{m.MessageId}\t{m.MessageType}\t{m.FailedAt}\t{m.ExceptionType}: {m.Reason}");
        }));

        var ids = new Option<string[]>("--id") { Description = "Message id(s) to replay", AllowMultipleArgumentsPerToken = true };
        var all = new Option<bool>("--all") { Description = "Replay every failed message" };
        var replay = new Command("replay", "Send failed messages back to the queue they failed in, then remove them from the error queue") { ids, all };
        replay.Validators.Add(r =>
        {
            if (!r.GetValue(all) && (r.GetValue(ids) ?? []).Length == 0) r.AddError("Name the messages with --id, or pass --all.");
        });
        replay.SetAction(async (r, ct) =>
        {
            var wanted = (r.GetValue(ids) ?? []).ToHashSet(StringComparer.OrdinalIgnoreCase);
            var count = 0;
            var code = await WithQueues(r, rabbit, queue, ct, async q =>
            {
                foreach (var m in await q.TakeAllAsync(ct))
                {
                    if (!r.GetValue(all) && (m.MessageId is null || !wanted.Contains(m.MessageId))) continue;
                    await q.ReplayAsync(m, ct);
                    await output.WriteLineAsync($"replayed {m.MessageId} to {q.OriginalQueue}");
                    count++;
                }
            });
            await output.WriteLineAsync($"{count} replayed");
            return code;
        });

        return new Command("errors", "Messages that failed after every retry (the _error queues)") { rabbit, queue, list, replay };
    }

    private static async Task<int> WithQueues(ParseResult r, Option<string> rabbit, Option<string[]> queues, CancellationToken ct, Func<ErrorQueue, Task> work)
    {
        var factory = new ConnectionFactory { Uri = new Uri(r.GetValue(rabbit)!), ClientProvidedName = "jf errors" };
        await using var connection = await factory.CreateConnectionAsync(ct);
        foreach (var name in r.GetValue(queues)!)
        {
            await using var queue = await ErrorQueue.OpenAsync(connection, name, ct);
            await work(queue);
        }
        return 0;
    }
}
