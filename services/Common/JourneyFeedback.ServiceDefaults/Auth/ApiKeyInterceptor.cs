using Grpc.Core;
using Grpc.Core.Interceptors;

namespace JourneyFeedback.ServiceDefaults.Auth;

/// <summary>
/// gRPC side of API-key auth: no or unknown key → Unauthenticated, a key without the service's scope →
/// PermissionDenied. The accepted caller is left in the call's UserState for source checks. Services with
/// no scope registered (the health service) stay open so probes work without a key.
/// </summary>
public sealed class ApiKeyInterceptor(ApiKeys keys, GrpcScopes scopes) : Interceptor
{
    public override Task<TResponse> UnaryServerHandler<TRequest, TResponse>(TRequest request, ServerCallContext context,
        UnaryServerMethod<TRequest, TResponse> continuation)
    {
        Authorize(context);
        return continuation(request, context);
    }

    public override Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(IAsyncStreamReader<TRequest> requestStream,
        ServerCallContext context, ClientStreamingServerMethod<TRequest, TResponse> continuation)
    {
        Authorize(context);
        return continuation(requestStream, context);
    }

    public override Task ServerStreamingServerHandler<TRequest, TResponse>(TRequest request, IServerStreamWriter<TResponse> responseStream,
        ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        Authorize(context);
        return continuation(request, responseStream, context);
    }

    public override Task DuplexStreamingServerHandler<TRequest, TResponse>(IAsyncStreamReader<TRequest> requestStream,
        IServerStreamWriter<TResponse> responseStream, ServerCallContext context, DuplexStreamingServerMethod<TRequest, TResponse> continuation)
    {
        Authorize(context);
        return continuation(requestStream, responseStream, context);
    }

    private void Authorize(ServerCallContext context)
    {
        if (!keys.Enabled) return;
        var service = context.Method.Split('/', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? "";
        if (scopes.For(service) is not { } scope) return;

        var key = ApiKeys.FromHeaders(name => context.RequestHeaders.GetValue(name));
        if (key is null)
            throw new RpcException(new Status(StatusCode.Unauthenticated, "An API key is required: send it as x-api-key or Authorization: Bearer."));
        var caller = keys.Authenticate(key)
            ?? throw new RpcException(new Status(StatusCode.Unauthenticated, "The API key is not valid."));
        if (!caller.Has(scope))
            throw new RpcException(new Status(StatusCode.PermissionDenied, $"The API key '{caller.Name}' lacks the {scope} scope."));
        context.UserState[ApiCaller.ContextKey] = caller;
    }
}

/// <summary>The scope a protected gRPC service needs, registered by the service that maps it.</summary>
public sealed record GrpcScopeRequirement(string Service, string Scope);

public sealed class GrpcScopes(IEnumerable<GrpcScopeRequirement> requirements)
{
    private readonly Dictionary<string, string> _byService = requirements.ToDictionary(r => r.Service, r => r.Scope, StringComparer.Ordinal);

    public string? For(string serviceFullName) => _byService.GetValueOrDefault(serviceFullName);
}
