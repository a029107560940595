using System.Text;
using System.Text.Json;

namespace PharmacyPos.Channels.Alipay;

/// <summary>
/// A gateway answer: {"alipay_trade_pay_response": {...}, "sign": "..."}. The signature covers
/// the exact text of the *_response value as it stands in the body, so that text is cut out of
/// the raw bytes rather than re-serialised.
/// </summary>
public sealed record AlipayResponse(string SignedText, string? Sign, JsonElement Body)
{
    public string Code => Str("code");
    public string SubCode => Str("sub_code");
    public string SubMsg => Str("sub_msg");

    public string Str(string name) =>
        Body.TryGetProperty(name, out var v) ? v.ValueKind == JsonValueKind.String ? v.GetString() ?? "" : v.GetRawText() : "";

    public static string ResponseKey(string method) => method.Replace('.', '_') + "_response";

    /// <summary>Null when the body is not a gateway answer for this method.</summary>
    public static AlipayResponse? Parse(byte[] body, string method)
    {
        var wanted = ResponseKey(method);
        try
        {
            var reader = new Utf8JsonReader(body);
            string? signedText = null;
            string? sign = null;
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return null;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = reader.GetString();
                reader.Read();
                if (name == wanted || (name == "error_response" && signedText is null))
                {
                    var start = (int)reader.TokenStartIndex;
                    reader.Skip();
                    signedText = Encoding.UTF8.GetString(body, start, (int)reader.BytesConsumed - start);
                }
                else if (name == "sign" && reader.TokenType == JsonTokenType.String)
                {
                    sign = reader.GetString();
                }
                else
                {
                    reader.Skip();
                }
            }
            if (signedText is null) return null;
            using var doc = JsonDocument.Parse(signedText);
            return new AlipayResponse(signedText, sign, doc.RootElement.Clone());
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
