using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace PharmacyPos.Channels;

/// <summary>
/// Every exchange with a channel, as an operator's dashboard wants it: how many, how long, and how
/// many brought back no answer (timeout, refused connection, HTTP error), by channel and call.
/// BCL instruments: with no listener (metrics off) recording one costs a few nanoseconds.
/// </summary>
public static class ChannelMetrics
{
    /// <summary>The one meter and activity source name every part of the POS records under.</summary>
    public const string Name = "PharmacyPos";

    private static readonly Meter Meter = new(Name);
    public static readonly ActivitySource Activities = new(Name);

    private static readonly Counter<long> Calls = Meter.CreateCounter<long>("pharmacypos.channel.calls", "{call}", "Calls to a payment channel, by channel, call and outcome (answered / no_answer)");
    private static readonly Histogram<double> Duration = Meter.CreateHistogram<double>("pharmacypos.channel.duration", "s", "Time from sending a call to a channel to its answer (or giving up)");

    internal static void Record(string channel, string call, bool answered, TimeSpan elapsed)
    {
        if (!Calls.Enabled && !Duration.Enabled) return;
        var tags = new TagList { { "channel", channel }, { "call", call } };
        Duration.Record(elapsed.TotalSeconds, tags);
        tags.Add("outcome", answered ? "answered" : "no_answer");
        Calls.Add(1, tags);
    }
}
