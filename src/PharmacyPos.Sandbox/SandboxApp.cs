using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using PharmacyPos.Sandbox.Admin;
using PharmacyPos.Sandbox.Alipay;
using PharmacyPos.Sandbox.Insurance;
using PharmacyPos.Sandbox.Model;
using PharmacyPos.Sandbox.Phone;
using PharmacyPos.Sandbox.WeChatPay;

namespace PharmacyPos.Sandbox;

/// <summary>
/// Builds the sandbox host: the three gateways, the customers' phones and the back office, on
/// its own address. The POS starts one in-process for development; tests start their own.
/// </summary>
public static class SandboxApp
{
    /// <param name="secureUrl">The HTTPS address of WeChat Pay's /secapi/ calls, which ask for the merchant's certificate.</param>
    /// <param name="ownsProcess">Only the standalone sandbox: it stops on Ctrl+C and SIGTERM.</param>
    public static WebApplication Build(SandboxOptions options, string url = "http://127.0.0.1:0", TimeProvider? clock = null, bool seed = true,
        LogLevel minimumLogLevel = LogLevel.Information, string secureUrl = "https://127.0.0.1:0", bool ownsProcess = false)
    {
        // Command-line urls outrank any appsettings.json that sits beside a host process.
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            Args = ["--urls", $"{url};{secureUrl}"],
            ApplicationName = "PharmacyPos.Sandbox",
        });
        builder.WebHost.UseKestrelHttpsConfiguration();
        builder.WebHost.ConfigureKestrel(k => k.ConfigureHttpsDefaults(https =>
        {
            https.ServerCertificate = SandboxCertificates.Load(options.ServerCertificatePfx);
            // Asked for, not required: a call without it gets WeChat's answer, not a broken handshake.
            https.ClientCertificateMode = Microsoft.AspNetCore.Server.Kestrel.Https.ClientCertificateMode.AllowCertificate;
            https.AllowAnyClientCertificate(); // self-issued; the gateway checks it is the merchant's own
        }));
        builder.Logging.SetMinimumLevel(minimumLogLevel);
        // Inside the POS (or a test) the host process owns Ctrl+C and SIGTERM: a sandbox that took them
        // would swallow a stop asked for while the POS is still starting, and the POS would run on.
        if (!ownsProcess) builder.Services.AddSingleton<IHostLifetime, GuestLifetime>();
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(clock ?? TimeProvider.System);
        builder.Services.AddSingleton<SandboxState>();
        builder.Services.AddSingleton<FaultBook>();
        builder.Services.AddSingleton<AlipayGateway>();
        builder.Services.AddSingleton<WeChatPayGateway>();
        builder.Services.AddSingleton<InsuranceGateway>();

        var app = builder.Build();
        if (seed) SandboxSeed.Seed(app.Services.GetRequiredService<SandboxState>());

        app.MapPost("/gateway.do", (HttpContext http, AlipayGateway gateway) => gateway.HandleAsync(http));
        foreach (var path in WeChatPayGateway.Paths)
            app.MapPost(path, (HttpContext http, WeChatPayGateway gateway) => gateway.HandleAsync(http));
        app.MapPost("/fsi/api/rsfComIfsService/callService", (HttpContext http, InsuranceGateway gateway) => gateway.HandleAsync(http));
        app.MapPhone();
        app.MapAdmin();
        Bills.BillEndpoints.MapBills(app);
        app.MapGet("/", () => Results.Redirect("/phone"));
        return app;
    }

    /// <summary>Where a started sandbox listens (the real port when it was asked for port 0).</summary>
    public static string Address(WebApplication app) => AddressOf(app, "http://");

    /// <summary>Its HTTPS address, for /secapi/.</summary>
    public static string SecureAddress(WebApplication app) => AddressOf(app, "https://");

    private static string AddressOf(WebApplication app, string scheme) =>
        app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses
            .First(a => a.StartsWith(scheme, StringComparison.Ordinal)).TrimEnd('/');

    /// <summary>Started and stopped by its host's code, never by the process's signals.</summary>
    private sealed class GuestLifetime : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
