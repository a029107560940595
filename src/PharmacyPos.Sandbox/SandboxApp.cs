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
    public static WebApplication Build(SandboxOptions options, string url = "http://127.0.0.1:0", TimeProvider? clock = null, bool seed = true,
        LogLevel minimumLogLevel = LogLevel.Information)
    {
        // Command-line urls outrank any appsettings.json that sits beside a host process.
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            Args = ["--urls", url],
            ApplicationName = "PharmacyPos.Sandbox",
        });
        builder.Logging.SetMinimumLevel(minimumLogLevel);
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
    public static string Address(WebApplication app) =>
        app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
}
