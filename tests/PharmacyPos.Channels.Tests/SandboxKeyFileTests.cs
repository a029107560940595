using Microsoft.Extensions.Time.Testing;
using PharmacyPos.Sandbox;

namespace PharmacyPos.Channels.Tests;

public sealed class SandboxKeyFileTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("pharmacypos-keys").FullName;
    private string KeyFile => Path.Combine(_folder, SandboxKeyFile.FileName);

    [Fact]
    public void The_first_start_makes_the_keys_and_the_next_start_reads_the_same_ones_from_a_file_only_its_owner_reads()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var made = SandboxKeyFile.LoadOrCreate(KeyFile, clock);
        var read = SandboxKeyFile.LoadOrCreate(KeyFile, clock);

        Assert.Equal(made.AlipayPrivateKey, read.AlipayPrivateKey);
        Assert.Equal(made.AppPublicKey, read.AppPublicKey);
        Assert.Equal(made.WeChatApiKey, read.WeChatApiKey);
        Assert.Equal(made.MerchantCertificatePfx, read.MerchantCertificatePfx);
        Assert.Equal(made.MerchantCertificateThumbprint, read.MerchantCertificateThumbprint);
        if (!OperatingSystem.IsWindows())
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(KeyFile));
    }

    [Fact]
    public void A_damaged_file_is_replaced_by_fresh_keys()
    {
        File.WriteAllText(KeyFile, "{\"AlipayPrivateKey\": 1");
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);

        var made = SandboxKeyFile.LoadOrCreate(KeyFile, clock);

        Assert.NotEmpty(made.AlipayPrivateKey);
        Assert.Equal(made.AlipayPrivateKey, SandboxKeyFile.LoadOrCreate(KeyFile, clock).AlipayPrivateKey);
    }

    [Fact]
    public void Keys_whose_certificates_end_within_a_month_are_made_again()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var first = SandboxKeyFile.LoadOrCreate(KeyFile, clock);

        clock.Advance(TimeSpan.FromDays(2 * 365 - 20)); // the certificates last two years
        var renewed = SandboxKeyFile.LoadOrCreate(KeyFile, clock);

        Assert.NotEqual(first.AlipayPrivateKey, renewed.AlipayPrivateKey);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
