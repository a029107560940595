using System.Diagnostics;

namespace PharmacyPos.Bench;

/// <summary>
/// The till as a pharmacy installs it (README): <c>dotnet publish -r linux-x64 -p:PublishReadyToRun=true</c>,
/// compiled ahead of time. Published once per bench run; §5 and §9 start it.
/// </summary>
public static class PublishedTill
{
    private static Task<string>? _published;

    public static Task<string> DllAsync(TextWriter console) => _published ??= PublishAsync(console);

    /// <summary>The till as installed, published once per bench run into a scratch folder.</summary>
    private static async Task<string> PublishAsync(TextWriter console)
    {
        var output = Path.Combine(Path.GetTempPath(), "pharmacypos-bench-publish");
        if (Directory.Exists(output)) Directory.Delete(output, recursive: true);
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "PharmacyPos.sln"))) root = root.Parent;
        var project = Path.Combine(root?.FullName ?? throw new InvalidOperationException("PharmacyPos.sln not found"), "src", "PharmacyPos.Web");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "publish", project, "-c", "Release", "-r", "linux-x64", "--self-contained", "false", "-p:PublishReadyToRun=true", "-o", output, "-nologo", "-v", "quiet" })
            start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var printed = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0) throw new InvalidOperationException("dotnet publish failed:\n" + await printed + await errors);
        console.WriteLine($"  published ReadyToRun into {output}");
        return Path.Combine(output, "PharmacyPos.Web.dll");
    }
}
