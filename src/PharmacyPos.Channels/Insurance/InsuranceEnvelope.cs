using System.Text.Json;
using System.Text.Json.Nodes;

namespace PharmacyPos.Channels.Insurance;

/// <summary>Transaction codes (infno) a pharmacy uses.</summary>
public static class Infno
{
    public const string SignIn = "9001";
    public const string SignOut = "9002";
    public const string PersonInfo = "1101";
    public const string PreSettle = "2101";
    public const string Settle = "2102";
    public const string CancelSettlement = "2103";
    public const string SettlementQuery = "5203";
    public const string DailyReconciliation = "3201";
    /// <summary>冲正: undoes a transaction whose answer never came, named by its msgid (omsgid) and infno (oinfno).</summary>
    public const string Reverse = "2601";
}

/// <summary>
/// The platform's answer: infcode 0 is success, anything else failure with err_msg.
/// The sandbox (and this client) put a bracketed reason first in err_msg, e.g.
/// "[NOT_BOUND] …", so failures can be told apart without parsing Chinese prose.
/// </summary>
public sealed record InsuranceAnswer(string Infcode, string ErrMsg, JsonNode? Output, string InfRefMsgId)
{
    public bool Ok => Infcode == "0";

    public string Reason => ErrMsg.StartsWith('[') && ErrMsg.IndexOf(']') is var end and > 0 ? ErrMsg[1..end] : "";

    public static InsuranceAnswer? Parse(string json)
    {
        try
        {
            var root = JsonNode.Parse(json) as JsonObject;
            if (root is null || root["infcode"] is null) return null;
            return new InsuranceAnswer(Text(root["infcode"]), Text(root["err_msg"]), root["output"], Text(root["inf_refmsgid"]));
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public static string Text(JsonNode? node) => node switch
    {
        null => "",
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        _ => node.ToJsonString(),
    };
}

/// <summary>Reasons the platform (sandbox) names in err_msg.</summary>
public static class InsuranceReasons
{
    public const string NotBound = "NOT_BOUND";
    public const string BalanceNotEnough = "BALANCE_NOT_ENOUGH";
    public const string CodeInvalid = "CODE_INVALID";
    public const string WaitConfirm = "WAIT_CONFIRM";
    public const string BuyerCancelled = "BUYER_CANCELLED";
    public const string NotFound = "NOT_FOUND";
    public const string AlreadyCancelled = "ALREADY_CANCELLED";
    public const string Closed = "CLOSED";
    public const string SignInRequired = "SIGN_IN_REQUIRED";
    public const string BadSignature = "BAD_SIGNATURE";
}
