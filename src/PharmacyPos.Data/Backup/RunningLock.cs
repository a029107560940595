namespace PharmacyPos.Data.Backup;

/// <summary>
/// A POS running on a SQLite file holds <c>{file}.running</c> exclusively for as long as it runs
/// (the system lets go when the process ends, however it ends). A restore that cannot take it
/// knows a POS is running on the file and refuses to write under it.
/// </summary>
public sealed class RunningLock : IDisposable
{
    private readonly FileStream _stream;

    private RunningLock(FileStream stream) => _stream = stream;

    public static string PathFor(DatabaseOptions database) => Path.GetFullPath(database.Path) + ".running";

    /// <summary>The lock, or null when another process holds it.</summary>
    public static RunningLock? TryTake(DatabaseOptions database)
    {
        var path = PathFor(database);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        try
        {
            return new RunningLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
        }
        catch (IOException)
        {
            return null;
        }
    }

    public void Dispose() => _stream.Dispose();
}
