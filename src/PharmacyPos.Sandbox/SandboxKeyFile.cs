using System.Text.Json;

namespace PharmacyPos.Sandbox;

/// <summary>
/// The embedded sandbox's keys, made once and kept in a file beside the till's data, so a daily
/// start reads them instead of making four RSA keys again (≈ 0.5–1 s of a 2-core till's start).
/// They are the sandbox's own test keys, never a real gateway's: a missing, unreadable or nearly
/// expired file is simply replaced by a fresh set.
/// </summary>
public static class SandboxKeyFile
{
    public const string FileName = "sandbox-keys.json";

    /// <summary>Certificates this close to their end are made again rather than kept.</summary>
    private static readonly TimeSpan Renewal = TimeSpan.FromDays(30);

    public static SandboxOptions LoadOrCreate(string path, TimeProvider clock)
    {
        if (TryLoad(path, clock) is { } kept) return kept;
        var fresh = SandboxOptions.Generate();
        Save(path, fresh);
        return fresh;
    }

    private static SandboxOptions? TryLoad(string path, TimeProvider clock)
    {
        try
        {
            if (!File.Exists(path)) return null;
            var keys = JsonSerializer.Deserialize<Kept>(File.ReadAllBytes(path));
            if (keys is null) return null;
            var options = new SandboxOptions
            {
                AlipayPrivateKey = keys.AlipayPrivateKey,
                AlipayPublicKey = keys.AlipayPublicKey,
                AppPrivateKey = keys.AppPrivateKey,
                AppPublicKey = keys.AppPublicKey,
                WeChatApiKey = keys.WeChatApiKey,
                InsurancePaasToken = keys.InsurancePaasToken,
                ServerCertificatePfx = Convert.FromBase64String(keys.ServerCertificatePfx),
                MerchantCertificatePfx = Convert.FromBase64String(keys.MerchantCertificatePfx),
            };
            var renewAfter = clock.GetUtcNow() + Renewal;
            using var server = SandboxCertificates.Load(options.ServerCertificatePfx);
            using var merchant = SandboxCertificates.Load(options.MerchantCertificatePfx, options.WeChatMchId);
            return server.NotAfter.ToUniversalTime() > renewAfter && merchant.NotAfter.ToUniversalTime() > renewAfter ? options : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException or FormatException
                                      or System.Security.Cryptography.CryptographicException)
        {
            return null;
        }
    }

    private static void Save(string path, SandboxOptions options)
    {
        var keys = new Kept(options.AlipayPrivateKey, options.AlipayPublicKey, options.AppPrivateKey, options.AppPublicKey,
            options.WeChatApiKey, options.InsurancePaasToken,
            Convert.ToBase64String(options.ServerCertificatePfx), Convert.ToBase64String(options.MerchantCertificatePfx));
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            var temporary = path + ".tmp";
            var file = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows()) file.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            using (var stream = new FileStream(temporary, file)) JsonSerializer.Serialize(stream, keys);
            File.Move(temporary, path, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Not kept: the next start makes a fresh set again, which is only slower.
        }
    }

    private sealed record Kept(string AlipayPrivateKey, string AlipayPublicKey, string AppPrivateKey, string AppPublicKey,
        string WeChatApiKey, string InsurancePaasToken, string ServerCertificatePfx, string MerchantCertificatePfx);
}
