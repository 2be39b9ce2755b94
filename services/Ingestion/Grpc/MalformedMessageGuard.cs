using System.Buffers.Binary;
using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace JourneyFeedback.Ingestion.Grpc;

/// <summary>
/// grpc-dotnet answers a unary request it cannot deserialize with Unknown ("Exception was thrown by handler"),
/// the gRPC form of a 500, and the failure happens before any interceptor runs. This checks the one message
/// of each unary Ingestion call first and answers InvalidArgument, so a sender learns its bytes are at fault.
/// </summary>
public static class MalformedMessageGuard
{
    private const int MaxMessageBytes = 4 * 1024 * 1024;

    private static readonly Dictionary<string, MessageParser> Parsers = V1.FeedbackIngestion.Descriptor.Methods
        .Where(m => !m.IsClientStreaming)
        .ToDictionary(m => $"/{m.Service.FullName}/{m.Name}", m => m.InputType.Parser);

    public static IApplicationBuilder UseMalformedMessageGuard(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        if (http.Request.Method != HttpMethods.Post
            || !Parsers.TryGetValue(http.Request.Path.Value ?? "", out var parser)
            || http.Request.ContentType?.StartsWith("application/grpc", StringComparison.Ordinal) != true
            || http.Request.ContentLength > MaxMessageBytes + 5)
        {
            await next(http);
            return;
        }

        http.Request.EnableBuffering(bufferThreshold: 64 * 1024, bufferLimit: MaxMessageBytes + 5);
        using var body = new MemoryStream();
        await http.Request.Body.CopyToAsync(body, http.RequestAborted);
        http.Request.Body.Position = 0;
        if (Problem(body.GetBuffer().AsSpan(0, (int)body.Length), parser) is { } problem)
        {
            http.Response.StatusCode = StatusCodes.Status200OK;
            http.Response.ContentType = "application/grpc";
            http.Response.Headers["grpc-status"] = "3";
            http.Response.Headers["grpc-message"] = Uri.EscapeDataString(problem);
            return;
        }
        await next(http);
    });

    private static string? Problem(ReadOnlySpan<byte> frame, MessageParser parser)
    {
        if (frame.Length < 5) return "The request holds no complete gRPC message.";
        // Compressed messages are left to grpc-dotnet, which knows the encodings.
        if (frame[0] != 0) return null;
        var length = BinaryPrimitives.ReadUInt32BigEndian(frame[1..5]);
        if (length != frame.Length - 5) return "The gRPC message length does not match the request body.";
        try
        {
            parser.ParseFrom(frame[5..]);
            return null;
        }
        catch (InvalidProtocolBufferException e)
        {
            return "The request message is not a valid protobuf message: " + e.Message;
        }
    }
}
