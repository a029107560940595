using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using PharmacyPos.Channels.Alipay;
using PharmacyPos.Channels.WeChatPay;

namespace PharmacyPos.Channels.Tests;

/// <summary>
/// A client written from the channels' public docs alone, not ours: it sends what the docs allow
/// (a trade named only by the channel's number, a query by refund id) and reads the raw answer, so
/// the tests see the sandbox as any third-party client would.
/// </summary>
public sealed class WireClient(SandboxFixture sandbox)
{
    /// <summary>/secapi/ as the docs prescribe it: HTTPS, the merchant's apiclient certificate presented.</summary>
    private readonly HttpClient _secure = new(WeChatPayClient.SecureHandler(Options(sandbox, withCertificate: true))) { BaseAddress = new Uri(sandbox.SecureUrl) };

    public static WeChatPayOptions Options(SandboxFixture sandbox, bool withCertificate)
    {
        var o = new WeChatPayOptions { MchId = sandbox.Options.WeChatMchId };
        sandbox.SecureSettings(o);
        if (!withCertificate) o.ClientCertificatePath = null;
        return o;
    }

    public Task<Dictionary<string, string>> WeChatAsync(string path, Dictionary<string, string> fields) =>
        WeChatAsync(path.StartsWith("/secapi/", StringComparison.Ordinal) ? _secure : sandbox.Http, path, fields);

    public async Task<Dictionary<string, string>> WeChatAsync(HttpClient http, string path, Dictionary<string, string> fields)
    {
        fields["appid"] = sandbox.Options.WeChatAppId;
        fields["mch_id"] = sandbox.Options.WeChatMchId;
        fields["nonce_str"] = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        fields["sign_type"] = WeChatSignature.HmacSha256;
        fields["sign"] = WeChatSignature.Sign(fields, sandbox.Options.WeChatApiKey, WeChatSignature.HmacSha256);
        var answer = await http.PostAsync(path, new StringContent(WeChatXml.Write(fields), Encoding.UTF8, "text/xml"));
        var reply = WeChatXml.Read(await answer.Content.ReadAsStringAsync())!;
        if (reply.GetValueOrDefault("return_code") == "SUCCESS")
            Assert.True(WeChatSignature.Verify(reply, sandbox.Options.WeChatApiKey), "the answer's signature verifies");
        return reply;
    }

    public async Task<JsonElement> AlipayAsync(string method, object biz)
    {
        var parameters = new Dictionary<string, string>
        {
            ["app_id"] = sandbox.Options.AlipayAppId, ["method"] = method, ["format"] = "JSON", ["charset"] = "utf-8",
            ["sign_type"] = "RSA2", ["version"] = "1.0", ["biz_content"] = JsonSerializer.Serialize(biz),
            ["timestamp"] = DateTime.UtcNow.AddHours(8).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
        };
        using var appKey = Keys.PrivateKey(sandbox.Options.AppPrivateKey);
        parameters["sign"] = AlipaySignature.Sign(AlipaySignature.Content(parameters), appKey);
        var answer = await sandbox.Http.PostAsync("/gateway.do", new FormUrlEncodedContent(parameters));
        var response = AlipayResponse.Parse(await answer.Content.ReadAsByteArrayAsync(), method)!;
        using var platformKey = Keys.PublicKey(sandbox.Options.AlipayPublicKey);
        Assert.True(AlipaySignature.Verify(response.SignedText, response.Sign, platformKey), "the answer's signature verifies");
        return response.Body;
    }
}
