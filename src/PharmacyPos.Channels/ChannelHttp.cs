using System.Net.Sockets;

namespace PharmacyPos.Channels;

/// <summary>One HTTP exchange with a channel. Every way it can fail to bring back a body is a
/// reason for *unknown outcome*, never an exception the checkout has to guess about.</summary>
internal static class ChannelHttp
{
    /// <param name="channel">alipay, wechat or insurance; with <paramref name="call"/> (the method, path or infno) it names the call in metrics and traces.</param>
    public static async Task<HttpAnswer> SendAsync(HttpClient http, HttpRequestMessage request, TimeSpan timeout, string channel, string call, CancellationToken ct)
    {
        using var activity = ChannelMetrics.Activities.StartActivity($"{channel} {call}", System.Diagnostics.ActivityKind.Client);
        activity?.SetTag("pharmacypos.channel", channel);
        activity?.SetTag("pharmacypos.call", call);
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var answer = await ExchangeAsync(http, request, timeout, ct);
        ChannelMetrics.Record(channel, call, answer.Body is not null, System.Diagnostics.Stopwatch.GetElapsedTime(started));
        if (answer.Failure is { } failure) activity?.SetStatus(System.Diagnostics.ActivityStatusCode.Error, failure);
        return answer;
    }

    private static async Task<HttpAnswer> ExchangeAsync(HttpClient http, HttpRequestMessage request, TimeSpan timeout, CancellationToken ct)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(timeout);
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, deadline.Token);
            var body = await response.Content.ReadAsByteArrayAsync(deadline.Token);
            return response.IsSuccessStatusCode
                ? new HttpAnswer(body, null)
                : new HttpAnswer(null, $"HTTP {(int)response.StatusCode}");
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return new HttpAnswer(null, $"no answer within {timeout.TotalSeconds:0.#} s");
        }
        catch (HttpRequestException e)
        {
            return new HttpAnswer(null, "connection failed: " + e.Message);
        }
        catch (IOException e) when (e.InnerException is SocketException or null)
        {
            return new HttpAnswer(null, "connection broken: " + e.Message);
        }
    }
}

internal readonly record struct HttpAnswer(byte[]? Body, string? Failure);
