using StackExchange.Redis;

namespace JourneyFeedback.Store;

public static class RedisUrl
{
    /// <summary>Accepts redis://[user:password@]host:port[/db] or a StackExchange.Redis configuration string.</summary>
    public static ConfigurationOptions ToConfiguration(string url)
    {
        ConfigurationOptions options;
        if (url.StartsWith("redis://", StringComparison.OrdinalIgnoreCase) || url.StartsWith("rediss://", StringComparison.OrdinalIgnoreCase))
        {
            var uri = new Uri(url);
            options = new ConfigurationOptions { Ssl = uri.Scheme == "rediss" };
            options.EndPoints.Add(uri.Host, uri.IsDefaultPort || uri.Port < 0 ? 6379 : uri.Port);
            if (uri.UserInfo.Split(':', 2) is [var user, var password])
            {
                if (user.Length > 0) options.User = Uri.UnescapeDataString(user);
                options.Password = Uri.UnescapeDataString(password);
            }
            if (int.TryParse(uri.AbsolutePath.Trim('/'), out var db)) options.DefaultDatabase = db;
        }
        else
        {
            options = ConfigurationOptions.Parse(url);
        }
        // Start even when Redis is down: readiness reports it and the client reconnects by itself.
        options.AbortOnConnectFail = false;
        return options;
    }
}
