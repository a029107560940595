using System.Net;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace PharmacyPos.Web.Features.Telemetry;

/// <summary>Metrics and traces for an operator. Off by default: then nothing listens and the instruments cost nothing.</summary>
public sealed class TelemetryOptions
{
    public const string Section = "Telemetry";

    /// <summary>Serve <c>/metrics</c> for Prometheus.</summary>
    public bool Metrics { get; set; }

    /// <summary>Who may read <c>/metrics</c>: <c>localhost</c> (a collector on the till itself) or <c>staff</c> (signed-in 店长/管理员).</summary>
    public string MetricsAccess { get; set; } = "localhost";

    /// <summary>An OTLP collector (http://host:4317): metrics and traces are pushed there too.</summary>
    public string OtlpEndpoint { get; set; } = "";

    public bool Traces { get; set; }

    public bool Any => Metrics || Traces || OtlpEndpoint.Length > 0;
}

public static class Telemetry
{
    public const string ServiceName = "pharmacypos";

    public static void Add(WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(TelemetryOptions.Section).Get<TelemetryOptions>() ?? new();
        builder.Services.AddSingleton(Microsoft.Extensions.Options.Options.Create(options));
        if (!options.Any) return;
        var terminal = builder.Configuration.GetSection(Checkout.TerminalOptions.Section).Get<Checkout.TerminalOptions>() ?? new();
        var otel = builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(ServiceName, serviceInstanceId: terminal.TerminalId));
        otel.WithMetrics(m =>
        {
            m.AddMeter(Data.PosMetrics.Name);
            if (options.Metrics) m.AddPrometheusExporter();
            if (options.OtlpEndpoint.Length > 0) m.AddOtlpExporter(o => o.Endpoint = new Uri(options.OtlpEndpoint));
        });
        if (options.Traces || options.OtlpEndpoint.Length > 0)
            otel.WithTracing(t =>
            {
                // The POS's own spans (a payment, each channel call), the requests it serves (the sandbox's too, when
                // embedded), and the HTTP calls out, which carry traceparent to the channel.
                t.AddSource(Channels.ChannelMetrics.Name).AddAspNetCoreInstrumentation().AddHttpClientInstrumentation();
                if (options.OtlpEndpoint.Length > 0) t.AddOtlpExporter(o => o.Endpoint = new Uri(options.OtlpEndpoint));
            });
    }

    /// <summary><c>/metrics</c>, for a collector on the till itself or for signed-in managers, as configured.</summary>
    public static void Map(WebApplication app)
    {
        var options = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<TelemetryOptions>>().Value;
        if (!options.Metrics) return;
        var endpoint = app.MapPrometheusScrapingEndpoint("/metrics");
        if (options.MetricsAccess == "staff")
        {
            endpoint.RequireAuthorization(nameof(Domain.Staff.Permission.ViewRecords));
            return;
        }
        endpoint.AllowAnonymous().AddEndpointFilter(async (context, next) =>
            context.HttpContext.Connection.RemoteIpAddress is { } address && IPAddress.IsLoopback(address)
                ? await next(context)
                : Results.Problem(title: "仅限本机读取监控指标。", statusCode: StatusCodes.Status403Forbidden, type: "urn:pharmacypos:error:METRICS_LOCAL_ONLY",
                    extensions: new Dictionary<string, object?> { ["code"] = "METRICS_LOCAL_ONLY" }));
    }
}
