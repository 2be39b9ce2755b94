using System.Threading.Channels;
using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;
using JourneyFeedback.Ingestion.V1;
using JourneyFeedback.ServiceDefaults.Auth;
using JourneyFeedback.Store;
using Microsoft.Extensions.Options;

namespace JourneyFeedback.Ingestion.Grpc;

public sealed class FeedbackIngestionService(FeedbackIntake intake, GrpcSourceLimits limits, IOptions<IngestionOptions> options)
    : FeedbackIngestion.FeedbackIngestionBase
{
    public override Task<SubmitResult> SubmitTicket(Ticket request, ServerCallContext context) =>
        Submit(ProtoMapping.ToDraft(request), context);

    public override Task<SubmitResult> SubmitSurveyResponse(SurveyResponse request, ServerCallContext context) =>
        Submit(ProtoMapping.ToDraft(request), context);

    public override Task<SubmitResult> SubmitReview(Review request, ServerCallContext context) =>
        Submit(ProtoMapping.ToDraft(request), context);

    public override Task<SubmitResult> SubmitSocialMention(SocialMention request, ServerCallContext context) =>
        Submit(ProtoMapping.ToDraft(request), context);

    /// <summary>
    /// Items are processed up to <see cref="InFlight"/> at a time (each waits for its broker confirm), and
    /// their results are written in order. A failure that would hit every later item (broker down, rate or
    /// batch limit) ends the call after the results before it, so the client resumes from the first item
    /// without a result.
    /// </summary>
    public override async Task SubmitStream(IAsyncStreamReader<FeedbackItem> requestStream,
        IServerStreamWriter<StreamResult> responseStream, ServerCallContext context)
    {
        var ct = context.CancellationToken;
        var max = options.Value.MaxStreamItems;
        var pending = Channel.CreateBounded<Task<StreamResult>>(InFlight);
        var writer = Task.Run(async () =>
        {
            await foreach (var result in pending.Reader.ReadAllAsync(ct))
                await responseStream.WriteAsync(await result, ct);
        }, ct);

        RpcException? stop = null;
        try
        {
            var index = 0;
            await foreach (var item in requestStream.ReadAllAsync(ct))
            {
                if (writer.IsCompleted) break;
                if (index == max)
                    throw GrpcSourceLimits.Exhausted($"A stream carries at most {max} items (Ingestion:MaxStreamItems); send the rest on a new stream.",
                        TimeSpan.Zero, context);
                await pending.Writer.WriteAsync(Start(item, index++, context), ct);
            }
        }
        catch (RpcException e)
        {
            stop = e;
        }
        catch (Google.Protobuf.InvalidProtocolBufferException e)
        {
            stop = new RpcException(new global::Grpc.Core.Status(StatusCode.InvalidArgument, "A stream item is not a valid protobuf message: " + e.Message));
        }
        finally
        {
            pending.Writer.TryComplete();
        }

        try
        {
            await writer;
        }
        catch (IngestionUnavailableException e)
        {
            throw Unavailable(e);
        }
        if (stop is not null) throw stop;
    }

    private const int InFlight = 32;

    /// <summary>Checks that need the call's order (source, key, rate) now; the submission itself runs on.</summary>
    private Task<StreamResult> Start(FeedbackItem item, int index, ServerCallContext context)
    {
        var result = new StreamResult { Index = index, CorrelationId = item.CorrelationId };
        FeedbackDraft draft;
        try
        {
            draft = ForCaller(ProtoMapping.ToDraft(item), context);
        }
        catch (FeedbackValidationException e)
        {
            return Task.FromResult(Rejected(result, e));
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.PermissionDenied)
        {
            result.ErrorCode = nameof(StatusCode.PermissionDenied);
            result.ErrorMessage = e.Status.Detail;
            return Task.FromResult(result);
        }
        limits.Take(draft.Source, context);
        return Submit();

        async Task<StreamResult> Submit()
        {
            try
            {
                result.Result = ToResult(await intake.SubmitAsync(draft, context.CancellationToken));
                return result;
            }
            catch (FeedbackValidationException e)
            {
                return Rejected(result, e);
            }
        }
    }

    private static StreamResult Rejected(StreamResult result, FeedbackValidationException e)
    {
        result.ErrorCode = nameof(StatusCode.InvalidArgument);
        result.ErrorMessage = e.Message;
        result.Violations.AddRange(e.Violations.Select(v => new V1.FieldViolation { Field = v.Field, Description = v.Description }));
        return result;
    }

    private async Task<SubmitResult> Submit(FeedbackDraft draft, ServerCallContext context)
    {
        try
        {
            draft = ForCaller(draft, context);
            limits.Take(draft.Source, context);
            return ToResult(await intake.SubmitAsync(draft, context.CancellationToken));
        }
        catch (FeedbackValidationException e)
        {
            throw new Google.Rpc.Status
            {
                Code = (int)Code.InvalidArgument,
                Message = e.Message,
                Details =
                {
                    Any.Pack(new BadRequest
                    {
                        FieldViolations =
                        {
                            e.Violations.Select(v => new BadRequest.Types.FieldViolation { Field = v.Field, Description = v.Description }),
                        },
                    }),
                },
            }.ToRpcException();
        }
        catch (IngestionUnavailableException e)
        {
            throw Unavailable(e);
        }
    }

    /// <summary>A key bound to a source fills in an empty source and may not claim another one.</summary>
    private static FeedbackDraft ForCaller(FeedbackDraft draft, ServerCallContext context)
    {
        if (!context.UserState.TryGetValue(ApiCaller.ContextKey, out var value) || value is not ApiCaller caller) return draft;
        if (string.IsNullOrEmpty(draft.Source) && caller.Source is not null) return draft with { Source = caller.Source };
        if (!caller.MaySubmitAs(draft.Source))
            throw new RpcException(new global::Grpc.Core.Status(StatusCode.PermissionDenied,
                $"The API key '{caller.Name}' may only submit as source '{caller.Source}', not '{draft.Source}'."));
        return draft;
    }

    private static RpcException Unavailable(IngestionUnavailableException e) => new(new global::Grpc.Core.Status(StatusCode.Unavailable, e.Message));

    private static SubmitResult ToResult(Registration r) => new() { FeedbackId = r.FeedbackId.ToString(), Duplicate = r.Duplicate };
}
