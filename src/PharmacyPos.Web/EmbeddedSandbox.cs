using PharmacyPos.Channels.Alipay;
using PharmacyPos.Sandbox;

namespace PharmacyPos.Web;

/// <summary>
/// The default run: the payment sandbox started in this process on its own loopback port, and
/// the channel clients pointed at it with its keys (made at the first start, then kept). Configuring a real gateway
/// (Channels:Alipay:GatewayUrl …) or Sandbox:Enabled=false leaves it off.
/// </summary>
public static class EmbeddedSandbox
{
    public const string Section = "Sandbox";

    public static bool IsWanted(IConfiguration configuration) =>
        configuration.GetValue($"{Section}:Enabled", true)
        && string.IsNullOrEmpty(configuration[$"{AlipayOptions.Section}:GatewayUrl"]);

    /// <summary>
    /// Starts the sandbox and adds its address and keys to the POS's settings. The POS is already
    /// built: its settings are one live <see cref="IConfigurationManager"/>, read when first asked for
    /// (the start-up check), so the sandbox can start while the POS builds its database model.
    /// </summary>
    public static async Task<WebApplication> StartAsync(IConfigurationManager pos)
    {
        var options = SandboxKeyFile.LoadOrCreate(KeyFile(pos), TimeProvider.System);
        var url = pos[$"{Section}:Url"] ?? "http://127.0.0.1:5090";
        var sandbox = SandboxApp.Build(options, url);
        await sandbox.StartAsync();
        var address = SandboxApp.Address(sandbox);

        // The merchant's certificate for /secapi/ is the sandbox's, made for this run: kept beside nothing else.
        var certificates = Path.Combine(Path.GetTempPath(), "pharmacypos-sandbox", Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var settings = ClientConfiguration.For(options, address, SandboxApp.SecureAddress(sandbox), certificates);
        settings[$"{Section}:Address"] = address;
        pos.AddInMemoryCollection(settings);
        Console.WriteLine($"支付沙箱已启动: {address}/phone （顾客手机）  {address}/admin （故障注入与流水）");
        return sandbox;
    }

    /// <summary>Beside the till's SQLite file (or where it would be, on a chain's PostgreSQL).</summary>
    private static string KeyFile(IConfiguration configuration)
    {
        var database = configuration[$"{PharmacyPos.Data.DatabaseOptions.Section}:Path"] ?? new PharmacyPos.Data.DatabaseOptions().Path;
        return Path.Combine(Path.GetDirectoryName(Path.GetFullPath(database))!, SandboxKeyFile.FileName);
    }
}
