namespace PharmacyPos.Sandbox;

public enum FaultKind
{
    /// <summary>Answer correctly, but after <see cref="FaultRule.DelayMs"/>.</summary>
    Latency,
    /// <summary>HTTP 500 before anything is done.</summary>
    ServerError,
    /// <summary>Sit on the request past the client's patience, then do it anyway.</summary>
    Timeout,
    /// <summary>Do it, then drop the connection: the caller never hears that it happened.</summary>
    LostResponse,
    /// <summary>Do it, answer with a signature that does not verify.</summary>
    BadSignature,
    /// <summary>Do it, answer with a proxy's HTML error page.</summary>
    Garbage,
    /// <summary>
    /// Do it, then answer "communication failed" as the channel itself does: WeChat's unsigned
    /// <c>return_code=FAIL</c>, which the v2 docs call a communication flag, not the trade's result
    /// (通信标识，非交易标识). Other channels get the proxy page, as with <see cref="Garbage"/>.
    /// </summary>
    CommunicationFailure,
}

/// <summary>
/// One injected fault. Channel: alipay, wechat, insurance or *. Operation: pay, query, cancel,
/// refund, refundquery (insurance: the infno, e.g. 2102) or *. Times: how many calls it hits
/// (-1: every call until cleared).
/// </summary>
public sealed record FaultRule(string Channel, string Operation, FaultKind Kind, int DelayMs = 0, int Times = 1);

public sealed class FaultBook
{
    private readonly Lock _gate = new();
    private readonly List<FaultRule> _rules = [];

    public void Add(FaultRule rule)
    {
        lock (_gate) _rules.Add(rule);
    }

    public void Clear()
    {
        lock (_gate) _rules.Clear();
    }

    public IReadOnlyList<FaultRule> Rules()
    {
        lock (_gate) return [.. _rules];
    }

    /// <summary>The first rule matching this call, used up by one if it is counted.</summary>
    public FaultRule? Take(string channel, string operation)
    {
        lock (_gate)
        {
            var i = _rules.FindIndex(r => (r.Channel == "*" || r.Channel == channel) && (r.Operation == "*" || r.Operation == operation));
            if (i < 0) return null;
            var rule = _rules[i];
            if (rule.Times > 0)
            {
                if (rule.Times == 1) _rules.RemoveAt(i);
                else _rules[i] = rule with { Times = rule.Times - 1 };
            }
            return rule;
        }
    }
}

/// <summary>A gateway's answer before it goes on the wire, and how to spoil its signature.</summary>
public sealed record GatewayReply(string Body, string ContentType, Func<string, string> Tamper);

public static class FaultRunner
{
    private const string ProxyPage = "<html><body><h1>502 Bad Gateway</h1></body></html>";

    public static async Task RunAsync(HttpContext http, FaultBook faults, SandboxOptions options, string channel, string operation,
        Func<GatewayReply> handle, ILogger log)
    {
        var fault = faults.Take(channel, operation);
        if (fault is not null) log.LogInformation("Fault {Kind} on {Channel} {Operation}", fault.Kind, channel, operation);
        switch (fault?.Kind)
        {
            case FaultKind.ServerError:
                http.Response.StatusCode = StatusCodes.Status500InternalServerError;
                await http.Response.WriteAsync("Internal Server Error");
                return;
            case FaultKind.Latency:
                await Task.Delay(fault.DelayMs);
                break;
            case FaultKind.Timeout:
                await Task.Delay(fault.DelayMs > 0 ? TimeSpan.FromMilliseconds(fault.DelayMs) : options.TimeoutFaultDelay);
                break;
        }

        var reply = handle();
        var body = fault?.Kind switch
        {
            FaultKind.BadSignature => reply.Tamper(reply.Body),
            FaultKind.Garbage => ProxyPage,
            FaultKind.CommunicationFailure => channel == "wechat"
                ? "<xml><return_code><![CDATA[FAIL]]></return_code><return_msg><![CDATA[SYSTEMERROR]]></return_msg></xml>"
                : ProxyPage,
            _ => reply.Body,
        };
        if (fault?.Kind == FaultKind.LostResponse)
        {
            http.Abort();
            return;
        }
        http.Response.ContentType = body == ProxyPage ? "text/html" : reply.ContentType;
        await http.Response.WriteAsync(body);
    }
}
