using System.Text;
using JourneyFeedback.Ingestion.Http.Signatures;

namespace JourneyFeedback.UnitTests.Ingestion;

/// <summary>Signature vectors for every scheme: valid, tampered body, wrong secret, stale, rotated secret.</summary>
public class SignatureSchemesTests
{
    private static readonly DateTimeOffset Now = new(2025, 11, 20, 10, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Tolerance = TimeSpan.FromMinutes(5);
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("""{"channel":"survey","text":"Delivery took two weeks","nps":3}""");
    private static readonly byte[] Tampered = Encoding.UTF8.GetBytes("""{"channel":"survey","text":"Delivery took two weeks","nps":9}""");
    private const string Secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private const string OldSecret = "whsec_c2VjcmV0LW9sZC1rZXktZm9yLXJvdGF0aW9u";

    private static Func<string, string?> Headers(Dictionary<string, string> h) =>
        name => h.FirstOrDefault(kv => string.Equals(kv.Key, name, StringComparison.OrdinalIgnoreCase)).Value;

    private static Dictionary<string, string> Standard(string secret, DateTimeOffset at, byte[]? body = null) => new()
    {
        ["webhook-id"] = "msg_2KWPBgLlAfxdpx2AI54pPJ85f4W",
        ["webhook-timestamp"] = at.ToUnixTimeSeconds().ToString(),
        ["webhook-signature"] = SignatureSchemes.SignStandard(secret, "msg_2KWPBgLlAfxdpx2AI54pPJ85f4W", at, body ?? Body),
    };

    [Fact]
    public void StandardWebhooksMatchesTheSpecsPublishedVector()
    {
        // The example of the Standard Webhooks specification.
        var body = Encoding.UTF8.GetBytes("""{"test": 2432232314}""");
        var signature = SignatureSchemes.SignStandard("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "msg_p5jXN8AQM9LWM0D4loKWxJek",
            DateTimeOffset.FromUnixTimeSeconds(1614265330), body);
        Assert.Equal("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", signature);
    }

    [Fact]
    public void StandardValidSignaturePasses() =>
        Assert.Null(SignatureSchemes.VerifyStandard(Headers(Standard(Secret, Now)), Body, [Secret], Now, Tolerance));

    [Fact]
    public void StandardTamperedBodyFails() =>
        Assert.Contains("does not match", SignatureSchemes.VerifyStandard(Headers(Standard(Secret, Now)), Tampered, [Secret], Now, Tolerance));

    [Fact]
    public void StandardWrongSecretFails() =>
        Assert.Contains("does not match", SignatureSchemes.VerifyStandard(Headers(Standard("whsec_d3Jvbmc=", Now)), Body, [Secret], Now, Tolerance));

    [Theory]
    [InlineData(-6)]
    [InlineData(6)]
    public void StandardStaleOrFutureTimestampFails(int minutes) =>
        Assert.Contains("more than 5 minutes", SignatureSchemes.VerifyStandard(Headers(Standard(Secret, Now.AddMinutes(minutes))), Body, [Secret], Now, Tolerance));

    [Fact]
    public void StandardAcceptsAnyActiveSecretDuringRotation()
    {
        Assert.Null(SignatureSchemes.VerifyStandard(Headers(Standard(OldSecret, Now)), Body, [Secret, OldSecret], Now, Tolerance));
        Assert.NotNull(SignatureSchemes.VerifyStandard(Headers(Standard(OldSecret, Now)), Body, [Secret], Now, Tolerance));
    }

    [Fact]
    public void StandardAcceptsOneGoodSignatureAmongSeveral()
    {
        var h = Standard(Secret, Now);
        h["webhook-signature"] = "v1,bm90LXRoaXMtb25l " + h["webhook-signature"];
        Assert.Null(SignatureSchemes.VerifyStandard(Headers(h), Body, [Secret], Now, Tolerance));
    }

    [Fact]
    public void StandardWithoutHeadersNamesThem() =>
        Assert.Contains("webhook-signature", SignatureSchemes.VerifyStandard(Headers([]), Body, [Secret], Now, Tolerance));

    [Fact]
    public void TypeformValidTamperedWrongSecretAndRotated()
    {
        const string secret = "tf-secret-1";
        var good = new Dictionary<string, string> { ["Typeform-Signature"] = SignatureSchemes.SignTypeform(secret, Body) };
        Assert.Null(SignatureSchemes.VerifyTypeform(Headers(good), Body, [secret]));
        Assert.Contains("does not match", SignatureSchemes.VerifyTypeform(Headers(good), Tampered, [secret]));
        Assert.Contains("does not match", SignatureSchemes.VerifyTypeform(Headers(good), Body, ["another"]));
        Assert.Null(SignatureSchemes.VerifyTypeform(Headers(good), Body, ["tf-secret-2", secret]));
        Assert.Contains("sha256=", SignatureSchemes.VerifyTypeform(Headers(new() { ["Typeform-Signature"] = "md5=abc" }), Body, [secret]));
    }

    [Fact]
    public void TypeformSignatureIsTheBase64HmacOfTheBody() =>
        // HMAC-SHA256("secret", "hello") = 88aab3ede8d3adf94d26ab90d3bafd4a2083070c3bcce9c014ee04a443847c0b
        Assert.Equal("sha256=iKqz7ejTrflNJquQ07r9SiCDBww7zOnAFO4EpEOEfAs=", SignatureSchemes.SignTypeform("secret", "hello"u8.ToArray()));

    [Fact]
    public void ZendeskValidTamperedWrongSecretStaleAndRotated()
    {
        const string secret = "dGhpc19zZWNyZXRfaXNfZm9yX3Rlc3Rpbmdfb25seQ==";
        Dictionary<string, string> Signed(string s, DateTimeOffset at)
        {
            var timestamp = at.ToString("yyyy-MM-ddTHH:mm:ssZ");
            return new()
            {
                ["X-Zendesk-Webhook-Signature"] = SignatureSchemes.SignZendesk(s, timestamp, Body),
                ["X-Zendesk-Webhook-Signature-Timestamp"] = timestamp,
            };
        }
        Assert.Null(SignatureSchemes.VerifyZendesk(Headers(Signed(secret, Now)), Body, [secret], Now, Tolerance));
        Assert.Contains("does not match", SignatureSchemes.VerifyZendesk(Headers(Signed(secret, Now)), Tampered, [secret], Now, Tolerance));
        Assert.Contains("does not match", SignatureSchemes.VerifyZendesk(Headers(Signed("other", Now)), Body, [secret], Now, Tolerance));
        Assert.Contains("more than 5 minutes", SignatureSchemes.VerifyZendesk(Headers(Signed(secret, Now.AddMinutes(-10))), Body, [secret], Now, Tolerance));
        Assert.Null(SignatureSchemes.VerifyZendesk(Headers(Signed(secret, Now)), Body, ["new-one", secret], Now, Tolerance));
    }
}
