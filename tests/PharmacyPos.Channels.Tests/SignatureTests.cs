using System.Text;
using PharmacyPos.Channels;
using PharmacyPos.Channels.Alipay;
using PharmacyPos.Channels.Insurance;
using PharmacyPos.Channels.WeChatPay;

namespace PharmacyPos.Channels.Tests;

public class SignatureTests
{
    // WeChat Pay v2's published signing example (商户平台 安全规范 › 签名算法).
    private static readonly Dictionary<string, string> WeChatExample = new()
    {
        ["appid"] = "wxd930ea5d5a258f4f", ["mch_id"] = "10000100", ["device_info"] = "1000", ["body"] = "test", ["nonce_str"] = "ibuaiVcKdpRxkhJA",
    };
    private const string WeChatExampleKey = "192006250b4c09247ec02edce69f6a2d";

    [Fact]
    public void WeChat_MD5_signature_matches_the_published_example() =>
        Assert.Equal("9A0A8659F005D6984697E2CA0A9CF3B7", WeChatSignature.Sign(WeChatExample, WeChatExampleKey, WeChatSignature.Md5));

    [Fact]
    public void WeChat_HMAC_SHA256_signature_matches_the_published_example() =>
        Assert.Equal("6A9AE1657590FD6257D693A078E1C3E4BB6BA4DC30B23E0EE2496E54170DACD6",
            WeChatSignature.Sign(WeChatExample, WeChatExampleKey, WeChatSignature.HmacSha256));

    [Fact]
    public void WeChat_signature_content_sorts_fields_and_leaves_out_empty_ones_and_sign()
    {
        var fields = new Dictionary<string, string> { ["b"] = "2", ["a"] = "1", ["empty"] = "", ["sign"] = "X" };
        Assert.Equal("a=1&b=2&key=K", WeChatSignature.Content(fields, "K"));
    }

    [Fact]
    public void WeChat_message_with_a_changed_field_does_not_verify()
    {
        var fields = new Dictionary<string, string>(WeChatExample) { ["sign_type"] = WeChatSignature.HmacSha256 };
        fields["sign"] = WeChatSignature.Sign(fields, WeChatExampleKey, WeChatSignature.HmacSha256);
        Assert.True(WeChatSignature.Verify(fields, WeChatExampleKey));
        fields["body"] = "test2";
        Assert.False(WeChatSignature.Verify(fields, WeChatExampleKey));
    }

    [Fact]
    public void WeChat_xml_round_trips_and_refuses_a_DTD()
    {
        var xml = WeChatXml.Write(new Dictionary<string, string> { ["body"] = "布洛芬 <1盒> & ]]> 更多", ["total_fee"] = "1250" });
        Assert.Equal("布洛芬 <1盒> & ]]> 更多", WeChatXml.Read(xml)!["body"]);
        Assert.Null(WeChatXml.Read("<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><xml><a>&e;</a></xml>"));
        Assert.Null(WeChatXml.Read("not xml"));
    }

    [Fact]
    public void Alipay_sign_content_sorts_by_name_skips_sign_and_empty_values_and_keeps_values_raw()
    {
        var content = AlipaySignature.Content(new Dictionary<string, string>
        {
            ["method"] = "alipay.trade.pay", ["app_id"] = "2021", ["sign"] = "x", ["notify_url"] = "", ["biz_content"] = "{\"a\":\"b c\"}",
        });
        Assert.Equal("app_id=2021&biz_content={\"a\":\"b c\"}&method=alipay.trade.pay", content);
    }

    [Fact]
    public void Alipay_RSA2_signature_verifies_with_the_public_key_and_fails_on_any_change()
    {
        var (privateKey, publicKey) = Keys.NewPair();
        using var signer = Keys.PrivateKey(privateKey);
        using var verifier = Keys.PublicKey(publicKey);
        var sign = AlipaySignature.Sign("a=1&b=2", signer);
        Assert.True(AlipaySignature.Verify("a=1&b=2", sign, verifier));
        Assert.False(AlipaySignature.Verify("a=1&b=3", sign, verifier));
        Assert.False(AlipaySignature.Verify("a=1&b=2", "not base64!", verifier));
    }

    [Fact]
    public void Alipay_keys_are_read_from_PEM_as_well_as_bare_base64()
    {
        var (privateKey, publicKey) = Keys.NewPair();
        var pem = $"-----BEGIN PUBLIC KEY-----\n{publicKey}\n-----END PUBLIC KEY-----";
        using var signer = Keys.PrivateKey(privateKey);
        using var verifier = Keys.PublicKey(pem);
        Assert.True(AlipaySignature.Verify("x", AlipaySignature.Sign("x", signer), verifier));
    }

    [Fact]
    public void Alipay_response_signature_covers_the_exact_text_of_the_response_value()
    {
        // Spacing and escapes as the gateway wrote them: a re-serialisation would differ.
        var raw = "{\"alipay_trade_query_response\":{ \"code\" : \"10000\",\"msg\":\"Success\",\"subject\":\"\\u5e03\\u6d1b\\u82ac\"},\"sign\":\"abc\"}";
        var response = AlipayResponse.Parse(Encoding.UTF8.GetBytes(raw), "alipay.trade.query")!;
        Assert.Equal("{ \"code\" : \"10000\",\"msg\":\"Success\",\"subject\":\"\\u5e03\\u6d1b\\u82ac\"}", response.SignedText);
        Assert.Equal("abc", response.Sign);
        Assert.Equal("10000", response.Code);
        Assert.Equal("布洛芬", response.Str("subject"));
    }

    [Fact]
    public void Alipay_response_that_is_not_json_is_not_a_response() =>
        Assert.Null(AlipayResponse.Parse(Encoding.UTF8.GetBytes("<html>502</html>"), "alipay.trade.pay"));

    [Fact]
    public void Insurance_tif_signature_is_sha256_of_timestamp_token_nonce_timestamp()
    {
        var expected = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes("1700000000tokenabc1231700000000")));
        Assert.Equal(expected, TifSignature.Compute("1700000000", "token", "abc123"));
        Assert.True(TifSignature.Verify("1700000000", "abc123", expected, "token"));
        Assert.False(TifSignature.Verify("1700000001", "abc123", expected, "token"));
    }
}
