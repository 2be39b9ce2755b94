using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace JourneyFeedback.ServiceDefaults.Auth;

public static class ApiKeyEndpointFilter
{
    /// <summary>HTTP side of API-key auth: 401 without a valid key, 403 without <paramref name="scope"/>, problem+json either way.</summary>
    public static TBuilder RequireApiKey<TBuilder>(this TBuilder builder, string scope) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            var keys = http.RequestServices.GetRequiredService<ApiKeys>();
            if (!keys.Enabled) return await next(context);

            var key = ApiKeys.FromHeaders(name => http.Request.Headers.TryGetValue(name, out var v) ? v.ToString() : null);
            var caller = keys.Authenticate(key);
            if (caller is null)
            {
                http.Response.Headers.WWWAuthenticate = "Bearer";
                return Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized",
                    detail: key is null ? "An API key is required: send it as x-api-key or Authorization: Bearer." : "The API key is not valid.");
            }
            if (!caller.Has(scope))
                return Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden",
                    detail: $"The API key '{caller.Name}' lacks the {scope} scope.");
            http.Items[ApiCaller.ContextKey] = caller;
            return await next(context);
        });
}
