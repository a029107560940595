using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using PharmacyPos.Domain;

namespace PharmacyPos.Channels.Insurance;

/// <summary>
/// The platform's wire: one JSON envelope per transaction (named by infno) to one endpoint, the
/// TIF headers signed, the answer matched to its msgid. Signs in (9001) once per business day and
/// carries sign_no after; a platform that forgot the sign-in gets one more. The day's sign_no is
/// signed out (9002) when the next business day begins and when the POS stops.
/// </summary>
internal sealed class InsuranceSession(HttpClient http, InsuranceOptions options, TimeProvider clock, ILogger log)
{
    private readonly InsuranceOptions _options = options;
    private readonly SemaphoreSlim _signInLock = new(1, 1);
    private string? _signNo;
    private DateOnly _signDay;
    private int _sequence;

    /// <returns>The answer, or why there is none (timeout, 5xx, unparsable, not ours): the outcome is then unknown.</returns>
    /// <param name="msgid">The message's id when the caller must be able to name it later (a 2102 that a 2601 may reverse); else a fresh one.</param>
    public async Task<(InsuranceAnswer?, string?)> CallAsync(string infno, JsonObject input, string reference, CancellationToken ct, string? msgid = null)
    {
        var signNo = infno == Infno.SignIn ? "" : await SignNoAsync(ct);
        if (signNo is null) return (null, "sign-in (9001) failed");
        var (answer, unknown) = await SendAsync(infno, input, signNo, reference, ct, msgid);
        if (answer is { Ok: false } && answer.Reason == InsuranceReasons.SignInRequired && infno != Infno.SignIn)
        {
            _signNo = null; // the platform forgot us (new day, restart): sign in again once
            signNo = await SignNoAsync(ct);
            if (signNo is null) return (null, "sign-in (9001) failed");
            // The same msgid again: the platform refused the first for the sign-in and processed nothing under it.
            (answer, unknown) = await SendAsync(infno, input, signNo, reference, ct, msgid);
        }
        return (answer, unknown);
    }

    /// <summary>9002 for the sign_no held, if any: the end of this till's business day on the platform.</summary>
    public async Task SignOutAsync(CancellationToken ct)
    {
        await _signInLock.WaitAsync(ct);
        try
        {
            await SignOutLockedAsync(ct);
        }
        finally
        {
            _signInLock.Release();
        }
    }

    private async Task SignOutLockedAsync(CancellationToken ct)
    {
        if (_signNo is not { } signNo) return;
        _signNo = null;
        var (a, unknown) = await SendAsync(Infno.SignOut, new JsonObject
        {
            ["signOut"] = new JsonObject { ["sign_no"] = signNo, ["opter_no"] = _options.Opter },
        }, signNo, "9002", ct, msgid: null);
        // A sign-out the platform did not take costs nothing: the platform ends the sign-in at its own day's end.
        if (a is not { Ok: true }) log.LogWarning("Insurance sign-out (9002) of {Day} not confirmed: {Reason}", _signDay, unknown ?? a!.ErrMsg);
    }

    private async Task<(InsuranceAnswer?, string?)> SendAsync(string infno, JsonObject input, string signNo, string reference, CancellationToken ct, string? msgid)
    {
        var now = BeijingTime.Now(clock);
        msgid ??= NewMsgId(now);
        var envelope = new JsonObject
        {
            ["infno"] = infno,
            ["msgid"] = msgid,
            ["mdtrtarea_admvs"] = _options.MdtrtareaAdmvs,
            ["insuplc_admdvs"] = _options.InsuplcAdmdvs,
            ["recer_sys_code"] = _options.RecerSysCode,
            ["dev_no"] = _options.DevNo,
            ["dev_uuid"] = "",
            ["dev_safe_info"] = "",
            ["cainfo"] = "",
            ["signtype"] = "SM3",
            ["infver"] = _options.InfVer,
            ["opter_type"] = _options.OpterType,
            ["opter"] = _options.Opter,
            ["opter_name"] = _options.OpterName,
            ["inf_time"] = now.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
            ["fixmedins_code"] = _options.FixmedinsCode,
            ["fixmedins_name"] = _options.FixmedinsName,
            ["sign_no"] = signNo,
            ["input"] = input.DeepClone(),
        };
        var timestamp = now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var nonce = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        using var request = new HttpRequestMessage(HttpMethod.Post, _options.BaseUrl.TrimEnd('/') + _options.ServicePath)
        {
            Content = new StringContent(envelope.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Add(TifSignature.PaasIdHeader, _options.PaasId);
        request.Headers.Add(TifSignature.TimestampHeader, timestamp);
        request.Headers.Add(TifSignature.NonceHeader, nonce);
        request.Headers.Add(TifSignature.SignatureHeader, TifSignature.Compute(timestamp, _options.PaasToken, nonce));

        var reply = await ChannelHttp.SendAsync(http, request, _options.Timeout, "insurance", infno, ct);
        var unknown = reply.Failure;
        InsuranceAnswer? answer = null;
        if (reply.Body is { } body)
        {
            answer = InsuranceAnswer.Parse(Encoding.UTF8.GetString(body));
            if (answer is null) unknown = "unparsable answer";
            else if (answer.InfRefMsgId != msgid) unknown = $"answer is for msgid {answer.InfRefMsgId}, not {msgid}";
        }
        if (unknown is not null)
        {
            log.LogWarning("Insurance {Infno} {Reference} msgid {MsgId}: outcome unknown ({Reason})", infno, reference, msgid, unknown);
            return (null, unknown);
        }
        log.LogInformation("Insurance {Infno} {Reference} msgid {MsgId}: infcode {Infcode} {ErrMsg}", infno, reference, msgid, answer!.Infcode, answer.ErrMsg);
        return (answer, null);
    }

    private async Task<string?> SignNoAsync(CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(BeijingTime.Now(clock).DateTime);
        if (_signNo is { } cached && _signDay == today) return cached;
        await _signInLock.WaitAsync(ct);
        try
        {
            if (_signNo is { } again && _signDay == today) return again;
            await SignOutLockedAsync(ct); // yesterday's sign-in ends before today's begins
            var (a, _) = await SendAsync(Infno.SignIn, new JsonObject
            {
                ["signIn"] = new JsonObject { ["opter_no"] = _options.Opter, ["mac"] = _options.Mac, ["ip"] = _options.Ip },
            }, "", "9001", ct, msgid: null);
            var signNo = a is { Ok: true } ? InsuranceAnswer.Text(a.Output?["signinoutb"]?["sign_no"]) : "";
            if (signNo.Length == 0) return null;
            (_signNo, _signDay) = (signNo, today);
            return signNo;
        }
        finally
        {
            _signInLock.Release();
        }
    }

    /// <summary>msgid: institution code + yyyyMMddHHmmss + a 4-digit sequence, unique per message.</summary>
    private string NewMsgId(DateTimeOffset now)
    {
        var seq = (uint)Interlocked.Increment(ref _sequence) % 10000;
        return string.Create(CultureInfo.InvariantCulture, $"{_options.FixmedinsCode}{now:yyyyMMddHHmmss}{seq:D4}");
    }
}
