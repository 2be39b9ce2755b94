using System.CommandLine;
using System.Security.Cryptography;
using System.Text;

namespace JourneyFeedback.Cli;

/// <summary>jf keys new | hash: API keys for Auth:Keys, which stores only their SHA-256.</summary>
internal static class KeysCommand
{
    public static Command Build(TextWriter output)
    {
        var key = new Argument<string>("key") { Description = "The API key to hash" };
        var hash = new Command("hash", "Print the SHA-256 to configure as Auth:Keys:{name}:Hash") { key };
        hash.SetAction(r => output.WriteLine(Hash(r.GetValue(key)!)));

        var name = new Option<string>("--name") { Description = "Name of the key in the configuration", DefaultValueFactory = _ => "default" };
        var source = new Option<string?>("--source") { Description = "The only source this key may submit as" };
        var scopes = new Option<string>("--scopes") { Description = "ingest, read-feed and/or admin", DefaultValueFactory = _ => "ingest" };
        var create = new Command("new", "Make a random API key and print it with its configuration lines") { name, source, scopes };
        create.SetAction(r =>
        {
            var secret = "jf_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
            var n = r.GetValue(name)!;
            output.WriteLine($"key (give it to the caller, it is not stored): {secret}");
            output.WriteLine($"Auth__Keys__{n}__Hash={Hash(secret)}");
            output.WriteLine($"Auth__Keys__{n}__Scopes={r.GetValue(scopes)}");
            if (r.GetValue(source) is { Length: > 0 } s) output.WriteLine($"Auth__Keys__{n}__Source={s}");
        });

        return new Command("keys", "API keys: make one, or hash one for the server's configuration") { create, hash };
    }

    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
}
