using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using PharmacyPos.Sandbox;
using PharmacyPos.Sandbox.Model;

namespace PharmacyPos.CrashProof;

/// <summary>
/// The payment channels in a process of their own, outliving every POS the harnesses kill,
/// restore or fail over: its ledger is the channels' books the POS's are checked against.
/// </summary>
public sealed class ExternalSandbox : IAsyncDisposable
{
    private readonly SandboxOptions _options;
    private readonly WebApplication _app;

    private ExternalSandbox(SandboxOptions options, WebApplication app) => (_options, _app) = (options, app);

    public SandboxState State => _app.Services.GetRequiredService<SandboxState>();
    public FaultBook Faults => _app.Services.GetRequiredService<FaultBook>();

    public static async Task<ExternalSandbox> StartAsync(CancellationToken ct = default)
    {
        var options = SandboxOptions.Generate();
        var app = SandboxApp.Build(options, minimumLogLevel: Microsoft.Extensions.Logging.LogLevel.Warning);
        await app.StartAsync(ct);
        return new ExternalSandbox(options, app);
    }

    /// <summary>The POS's channel settings for this sandbox (keys, addresses, the WeChat certificate written into <paramref name="certificates"/>), to add to before <see cref="Environment"/>.</summary>
    public Dictionary<string, string?> Settings(string certificates) =>
        ClientConfiguration.For(_options, SandboxApp.Address(_app), SandboxApp.SecureAddress(_app), certificates);

    /// <summary>Settings as environment variables: keys are too long and too secret for a command line.</summary>
    public static Dictionary<string, string> Environment(Dictionary<string, string?> settings) => ClientConfiguration.AsEnvironment(settings);

    public ValueTask DisposeAsync() => _app.DisposeAsync();
}
