using System.Diagnostics;

namespace PharmacyPos.Bench;

/// <summary>
/// The till as a pharmacy installs it (README): <c>dotnet publish src/PharmacyPos.Web -p:PublishProfile=Till</c>,
/// self-contained and compiled ahead of time with the framework (Properties/PublishProfiles/Till.pubxml).
/// Published once per bench run; §5 and §9 start it.
/// </summary>
public static class PublishedTill
{
    private static Task<string>? _published;

    /// <summary>
    /// The smoke run (<c>--quick</c>) publishes without the composite image (each assembly compiled on its own):
    /// compiling the framework takes about five minutes of one core, which the smoke, which checks that every
    /// section runs and measures nothing, would add to every CI run. The till is still self-contained and
    /// started by its executable.
    /// </summary>
    public static bool Smoke { get; set; }

    /// <summary>The published till's own executable.</summary>
    public static Task<string> ExecutableAsync(TextWriter console) => _published ??= PublishAsync(console);

    /// <summary>The till as installed, published once per bench run into a scratch folder.</summary>
    private static async Task<string> PublishAsync(TextWriter console)
    {
        var output = Path.Combine(Path.GetTempPath(), "pharmacypos-bench-publish");
        if (Directory.Exists(output)) Directory.Delete(output, recursive: true);
        var project = Path.Combine(PharmacyPos.TestSupport.Repository.Root, "src", "PharmacyPos.Web");
        // The SDK keeps its ahead-of-time images across a change of the composite setting (the smoke's and the full
        // run's differ): a framework assembly left rewritten for a composite image that is not published aborts the
        // till at its first instruction. Each publish compiles afresh.
        var images = Path.Combine(project, "obj", "Release", "net10.0", "linux-x64", "R2R");
        if (Directory.Exists(images)) Directory.Delete(images, recursive: true);
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "publish", project, "-p:PublishProfile=Till", $"-p:PublishReadyToRunComposite={!Smoke}", "-o", output, "-nologo", "-v", "quiet" })
            start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var printed = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0) throw new InvalidOperationException("dotnet publish failed:\n" + await printed + await errors);
        console.WriteLine($"  published the till (self-contained, {(Smoke ? "ReadyToRun per assembly, smoke" : "composite ReadyToRun")}) into {output}");
        return Path.Combine(output, "PharmacyPos.Web");
    }
}
