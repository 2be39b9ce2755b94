using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;
using JourneyFeedback.Ingestion.V1;
using JourneyFeedback.Store;

namespace JourneyFeedback.Ingestion.Grpc;

public sealed class FeedbackIngestionService(FeedbackIntake intake) : FeedbackIngestion.FeedbackIngestionBase
{
    public override Task<SubmitResult> SubmitTicket(Ticket request, ServerCallContext context) =>
        Submit(ProtoMapping.ToDraft(request), context.CancellationToken);

    public override Task<SubmitResult> SubmitSurveyResponse(SurveyResponse request, ServerCallContext context) =>
        Submit(ProtoMapping.ToDraft(request), context.CancellationToken);

    public override Task<SubmitResult> SubmitReview(Review request, ServerCallContext context) =>
        Submit(ProtoMapping.ToDraft(request), context.CancellationToken);

    public override Task<SubmitResult> SubmitSocialMention(SocialMention request, ServerCallContext context) =>
        Submit(ProtoMapping.ToDraft(request), context.CancellationToken);

    public override async Task SubmitStream(IAsyncStreamReader<FeedbackItem> requestStream,
        IServerStreamWriter<StreamResult> responseStream, ServerCallContext context)
    {
        var index = 0;
        await foreach (var item in requestStream.ReadAllAsync(context.CancellationToken))
        {
            var result = new StreamResult { Index = index++, CorrelationId = item.CorrelationId };
            try
            {
                result.Result = ToResult(await intake.SubmitAsync(ProtoMapping.ToDraft(item), context.CancellationToken));
            }
            catch (FeedbackValidationException e)
            {
                result.ErrorCode = nameof(StatusCode.InvalidArgument);
                result.ErrorMessage = e.Message;
                result.Violations.AddRange(e.Violations.Select(v => new V1.FieldViolation { Field = v.Field, Description = v.Description }));
            }
            catch (IngestionUnavailableException e)
            {
                // Items after this one would fail the same way: end the call so the client retries from here.
                throw Unavailable(e);
            }
            await responseStream.WriteAsync(result, context.CancellationToken);
        }
    }

    private async Task<SubmitResult> Submit(FeedbackDraft draft, CancellationToken ct)
    {
        try
        {
            return ToResult(await intake.SubmitAsync(draft, ct));
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

    private static RpcException Unavailable(IngestionUnavailableException e) => new(new global::Grpc.Core.Status(StatusCode.Unavailable, e.Message));

    private static SubmitResult ToResult(Registration r) => new() { FeedbackId = r.FeedbackId.ToString(), Duplicate = r.Duplicate };
}
