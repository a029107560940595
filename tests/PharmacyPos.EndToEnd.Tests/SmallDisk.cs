using System.Diagnostics;

namespace PharmacyPos.EndToEnd.Tests;

/// <summary>
/// A small tmpfs of its own for a POS's data folder, so a test can fill it to the last byte and
/// free it again: the disk-full fault without touching the machine's disks. Mounting needs root,
/// which the CI machine is.
/// </summary>
public sealed class SmallDisk : IAsyncDisposable
{
    private SmallDisk(string folder) => Folder = folder;

    public string Folder { get; }

    private string Filler => Path.Combine(Folder, "filler.bin");

    public static async Task<SmallDisk> MountAsync(int megabytes = 64)
    {
        var folder = Path.Combine(Path.GetTempPath(), "pharmacypos-disk", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var (exit, output) = await RunAsync("mount", "-t", "tmpfs", "-o", $"size={megabytes}m", "tmpfs", folder);
        if (exit != 0)
            throw new InvalidOperationException($"Could not mount a {megabytes} MB tmpfs at {folder} (the disk-full test needs root, as CI has): {output}");
        return new SmallDisk(folder);
    }

    /// <summary>Takes every free byte.</summary>
    public void Fill()
    {
        var chunk = new byte[1024 * 1024];
        using var file = new FileStream(Filler, FileMode.Append, FileAccess.Write, FileShare.None, 1, FileOptions.WriteThrough);
        try
        {
            while (true) file.Write(chunk);
        }
        catch (IOException)
        {
            // ENOSPC: the disk is full. Fill the last partial megabyte too.
        }
        var small = new byte[4096];
        try
        {
            while (true) file.Write(small);
        }
        catch (IOException) { }
    }

    public void Free() => File.Delete(Filler);

    public async ValueTask DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        await RunAsync("umount", "-l", Folder);
        try { Directory.Delete(Folder, recursive: true); } catch (IOException) { }
    }

    private static async Task<(int, string)> RunAsync(string command, params string[] args)
    {
        var start = new ProcessStartInfo(command) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync() + await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, output);
    }
}
