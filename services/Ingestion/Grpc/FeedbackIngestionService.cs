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

    public override async Task SubmitStream(IAsyncStreamReader<FeedbackItem> requestStream,
        IServerStreamWriter<StreamResult> responseStream, ServerCallContext context)
    {
        var max = options.Value.MaxStreamItems;
        var index = 0;
        await foreach (var item in requestStream.ReadAllAsync(context.CancellationToken))
        {
            if (index == max)
                throw GrpcSourceLimits.Exhausted($"A stream carries at most {max} items (Ingestion:MaxStreamItems); send the rest on a new stream.",
                    TimeSpan.Zero, context);
            var result = new StreamResult { Index = index++, CorrelationId = item.CorrelationId };
            try
            {
                var draft = ForCaller(ProtoMapping.ToDraft(item), context);
                limits.Take(draft.Source, context);
                result.Result = ToResult(await intake.SubmitAsync(draft, context.CancellationToken));
            }
            catch (FeedbackValidationException e)
            {
                result.ErrorCode = nameof(StatusCode.InvalidArgument);
                result.ErrorMessage = e.Message;
                result.Violations.AddRange(e.Violations.Select(v => new V1.FieldViolation { Field = v.Field, Description = v.Description }));
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.PermissionDenied)
            {
                result.ErrorCode = nameof(StatusCode.PermissionDenied);
                result.ErrorMessage = e.Status.Detail;
            }
            catch (IngestionUnavailableException e)
            {
                // Items after this one would fail the same way: end the call so the client retries from here.
                throw Unavailable(e);
            }
            await responseStream.WriteAsync(result, context.CancellationToken);
        }
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
