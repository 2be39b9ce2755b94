using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using Google.Rpc;
using Grpc.Core;
using JourneyFeedback.Ingestion.V1;

namespace JourneyFeedback.Cli.Import;

/// <summary>
/// jf import: streams a CSV or JSONL export through SubmitStream in batches. Each row gets a stable external
/// id (a mapped id column, else the file's hash and the row number), so rows the server already took are
/// answered as duplicates when an interrupted import is run again; the checkpoint file remembers the last
/// row with a result so a rerun starts after it.
/// </summary>
internal static class ImportCommand
{
    public static Command Build(Option<string> server, TextWriter output)
    {
        var file = new Argument<FileInfo>("file") { Description = "export.csv (header row first) or export.jsonl" };
        var source = new Option<string>("--source") { Description = "Source name the rows are filed under", Required = true };
        var map = new Option<string>("--map") { Description = "target=column pairs, e.g. text=comment,nps=score,external_id=id", Required = true };
        var channel = new Option<string>("--channel") { Description = "ticket, survey, review or social (unless a column is mapped to channel)", DefaultValueFactory = _ => "survey" };
        var checkpoint = new Option<FileInfo?>("--checkpoint") { Description = "Progress file (default FILE.jf-import)" };
        var rejects = new Option<FileInfo?>("--rejects") { Description = "Write rejected rows (row,reason) here instead of stderr" };
        var batch = new Option<int>("--batch-size") { Description = "Rows per gRPC stream", DefaultValueFactory = _ => 1000 };
        var restart = new Option<bool>("--restart") { Description = "Ignore an existing checkpoint and start from the first row" };
        var command = new Command("import", "Import a CSV or JSONL export through the gRPC stream; resumable")
        {
            file, source, map, channel, checkpoint, rejects, batch, restart,
        };
        command.SetAction(async (r, ct) =>
        {
            var input = r.GetValue(file)!;
            var error = r.InvocationConfiguration.Error;
            if (!input.Exists) { await error.WriteLineAsync($"{input.FullName}: no such file"); return 2; }
            ColumnMap columns;
            try { columns = ColumnMap.Parse(r.GetValue(map)!); }
            catch (ArgumentException e) { await error.WriteLineAsync($"--map: {e.Message}"); return 2; }
            if (columns.MissingFrom(SourceRows.Columns(input.FullName)).ToList() is { Count: > 0 } missing)
            {
                await error.WriteLineAsync($"--map: the file has no column {string.Join(", ", missing)}");
                return 2;
            }
            if (r.GetValue(batch) is < 1 or > 100_000) { await error.WriteLineAsync("--batch-size must be between 1 and 100000"); return 2; }

            using var connection = new GrpcConnection(r, server);
            var import = new Importer(new FeedbackIngestion.FeedbackIngestionClient(connection.Invoker), output, error)
            {
                File = input.FullName,
                Source = r.GetValue(source)!,
                Channel = r.GetValue(channel)!.ToLowerInvariant(),
                Columns = columns,
                CheckpointPath = r.GetValue(checkpoint)?.FullName ?? input.FullName + ".jf-import",
                RejectsPath = r.GetValue(rejects)?.FullName,
                BatchSize = r.GetValue(batch),
                Restart = r.GetValue(restart),
            };
            return await import.RunAsync(ct);
        });
        return command;
    }

    public static string HashFile(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}

internal sealed class Importer(FeedbackIngestion.FeedbackIngestionClient client, TextWriter output, TextWriter error)
{
    public required string File { get; init; }
    public required string Source { get; init; }
    public required string Channel { get; init; }
    public required ColumnMap Columns { get; init; }
    public required string CheckpointPath { get; init; }
    public string? RejectsPath { get; init; }
    public int BatchSize { get; init; } = 1000;
    public bool Restart { get; init; }

    private const int MaxRetries = 8;

    public async Task<int> RunAsync(CancellationToken ct)
    {
        var hash = ImportCommand.HashFile(File);
        var state = Restart ? null : Checkpoint.Load(CheckpointPath);
        if (state is not null && state.FileHash != hash)
        {
            await error.WriteLineAsync($"{CheckpointPath} belongs to another version of {File}; rerun with --restart to import it from the start.");
            return 2;
        }
        state ??= new Checkpoint(hash, 0, 0, 0, 0);
        var resumedAt = state.LastRow;
        var total = SourceRows.Read(File).LongCount();
        if (resumedAt > 0) await output.WriteLineAsync($"resuming after row {resumedAt} of {total}");

        await using var rejects = RejectsPath is null ? null : new StreamWriter(RejectsPath, append: resumedAt > 0);
        var rejectsOut = (TextWriter?)rejects ?? error;
        if (rejects is not null && resumedAt == 0) await rejects.WriteLineAsync("row,reason");

        var progress = new ImportProgress(output, total, resumedAt);
        var idPrefix = hash[..16];
        var clock = Stopwatch.StartNew();
        try
        {
            foreach (var chunk in SourceRows.Read(File).Where(row => row.Number > resumedAt).Chunk(BatchSize))
            {
                var toSend = new List<(SourceRow Row, FeedbackItem Item)>(chunk.Length);
                var localRejects = new Dictionary<long, string>();
                foreach (var row in chunk)
                {
                    var (item, reason) = row.Error is { } unreadable
                        ? (null, unreadable)
                        : Columns.ToItem(row, Source, Channel, $"{idPrefix}-{row.Number}");
                    if (item is null) localRejects[row.Number] = reason!;
                    else toSend.Add((row, item));
                }

                // Rows are acknowledged in file order: local rejects count as soon as every row before them has.
                var results = new Dictionary<long, StreamResult>();
                long acknowledged = state.LastRow;
                void Advance()
                {
                    while (true)
                    {
                        var next = acknowledged + 1;
                        if (localRejects.Remove(next, out var why))
                        {
                            state = state with { Rejected = state.Rejected + 1 };
                            rejectsOut.WriteLine($"{next},{CsvRecords.Quote(why)}");
                        }
                        else if (results.Remove(next, out var result)) state = Count(state, next, result, rejectsOut);
                        else break;
                        acknowledged = next;
                    }
                    state = state with { LastRow = acknowledged };
                }
                Advance();
                try
                {
                    await SendAsync(toSend, results, Advance, ct);
                }
                finally
                {
                    state.Save(CheckpointPath);
                }
                progress.Report(state.LastRow, clock.Elapsed);
            }
        }
        catch (Exception e) when (e is OperationCanceledException || e is RpcException { StatusCode: StatusCode.Cancelled })
        {
            await rejectsOut.FlushAsync(CancellationToken.None);
            await output.WriteLineAsync($"interrupted after row {state.LastRow} of {total}; run the same command again to resume");
            Summary(state, total, clock.Elapsed, resumedAt);
            return 130;
        }
        catch (RpcException e)
        {
            await error.WriteLineAsync($"{e.StatusCode}: {e.Status.Detail} (stopped after row {state.LastRow}; run again to resume)");
            return e.StatusCode is StatusCode.Unauthenticated or StatusCode.PermissionDenied ? 3 : 1;
        }

        progress.Report(state.LastRow, clock.Elapsed, final: true);
        Summary(state, total, clock.Elapsed, resumedAt);
        System.IO.File.Delete(CheckpointPath);
        return 0;
    }

    /// <summary>Sends the items on one stream; when the server ends it early (unavailable, rate limit), waits and resends the rest.</summary>
    private async Task SendAsync(List<(SourceRow Row, FeedbackItem Item)> items, Dictionary<long, StreamResult> results, Action advance, CancellationToken ct)
    {
        var answered = new HashSet<long>();
        for (var attempt = 0; ; attempt++)
        {
            var pending = items.Where(p => !answered.Contains(p.Row.Number)).ToList();
            if (pending.Count == 0) return;
            var before = answered.Count;
            using var call = client.SubmitStream(cancellationToken: ct);
            var writing = Task.Run(async () =>
            {
                try
                {
                    foreach (var (_, item) in pending) await call.RequestStream.WriteAsync(item, ct);
                    await call.RequestStream.CompleteAsync();
                }
                catch (Exception e) when (e is RpcException or InvalidOperationException or OperationCanceledException)
                {
                    // The read side reports why the call ended.
                }
            }, CancellationToken.None);
            try
            {
                await foreach (var result in call.ResponseStream.ReadAllAsync(ct))
                {
                    var row = long.Parse(result.CorrelationId, CultureInfo.InvariantCulture);
                    answered.Add(row);
                    results[row] = result;
                    advance();
                }
                await writing;
            }
            catch (RpcException e) when (e.StatusCode is StatusCode.Unavailable or StatusCode.ResourceExhausted && attempt < MaxRetries)
            {
                await writing;
                await Task.Delay(RetryDelay(e, attempt), ct);
            }
            // A call that moved on resets the retry budget: only a server that keeps failing stops the import.
            if (answered.Count > before) attempt = -1;
            else if (attempt >= MaxRetries) throw new RpcException(new Grpc.Core.Status(StatusCode.Unavailable, "the server ended the stream without results"));
        }
    }

    private static TimeSpan RetryDelay(RpcException e, int attempt)
    {
        var retry = e.GetRpcStatus()?.GetDetail<RetryInfo>()?.RetryDelay?.ToTimeSpan();
        var backoff = TimeSpan.FromMilliseconds(250 * Math.Pow(2, attempt));
        return retry is { } r && r > TimeSpan.Zero ? r : backoff;
    }

    private static Checkpoint Count(Checkpoint state, long row, StreamResult result, TextWriter rejects)
    {
        if (result.Result is { } ok && string.IsNullOrEmpty(result.ErrorCode))
            return ok.Duplicate ? state with { Duplicate = state.Duplicate + 1 } : state with { Accepted = state.Accepted + 1 };
        var reason = result.Violations.Count > 0
            ? string.Join("; ", result.Violations.Select(v => $"{v.Field}: {v.Description}"))
            : $"{result.ErrorCode}: {result.ErrorMessage}";
        rejects.WriteLine($"{row},{CsvRecords.Quote(reason)}");
        return state with { Rejected = state.Rejected + 1 };
    }

    private void Summary(Checkpoint state, long total, TimeSpan elapsed, long resumedAt)
    {
        var rate = elapsed.TotalSeconds > 0 ? (state.LastRow - resumedAt) / elapsed.TotalSeconds : 0;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{state.Accepted} accepted, {state.Duplicate} duplicate, {state.Rejected} rejected ({state.LastRow} of {total} rows, {rate:0} rows/s)"));
    }
}
