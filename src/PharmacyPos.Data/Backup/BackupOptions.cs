namespace PharmacyPos.Data.Backup;

/// <summary>The till's own backups of its SQLite file (a chain's PostgreSQL is backed up by its server: pg_dump, base backups).</summary>
public sealed class BackupOptions
{
    public const string Section = "Backup";

    /// <summary>Back up on a schedule while the POS runs.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Where backups go; empty: a <c>backups</c> folder beside the database file. Best on another disk.</summary>
    public string Folder { get; set; } = "";

    public double IntervalHours { get; set; } = 24;

    /// <summary>How long after start the first backup is taken, when the newest is older than the interval.</summary>
    public double FirstAfterSeconds { get; set; } = 60;

    /// <summary>Keep the newest backup of each of the last N days…</summary>
    public int KeepDaily { get; set; } = 7;

    /// <summary>…and of each of the last M weeks.</summary>
    public int KeepWeekly { get; set; } = 4;

    public string FolderFor(DatabaseOptions database) =>
        Path.GetFullPath(Folder.Length > 0 ? Folder : Path.Combine(Path.GetDirectoryName(Path.GetFullPath(database.Path))!, "backups"));
}
