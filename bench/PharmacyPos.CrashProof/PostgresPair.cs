using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace PharmacyPos.CrashProof;

/// <summary>
/// A chain's database as a chain would run it, made from the PostgreSQL on the machine: a primary
/// (initdb) and a streaming replica (pg_basebackup -R: standby.signal and primary_conninfo), on
/// loopback ports, with synchronous replication on by default — a commit the POS was told about is
/// on both. The primary can be SIGKILLed and the replica promoted, as an operator (or Patroni) would.
/// </summary>
public sealed class PostgresPair : IAsyncDisposable
{
    private readonly string _bin, _folder;

    private PostgresPair(string bin, string folder, int primaryPort, int replicaPort)
    {
        (_bin, _folder, PrimaryPort, ReplicaPort) = (bin, folder, primaryPort, replicaPort);
    }

    public int PrimaryPort { get; }
    public int ReplicaPort { get; }
    private string PrimaryData => Path.Combine(_folder, "primary");
    private string ReplicaData => Path.Combine(_folder, "replica");

    /// <summary>Npgsql's multi-host form: whichever of the two is the primary now takes the writes.</summary>
    public string ConnectionString => ConnectionStringWith(commandTimeoutSeconds: 15);

    public string ConnectionStringWith(int commandTimeoutSeconds) =>
        $"Host=127.0.0.1:{PrimaryPort},127.0.0.1:{ReplicaPort};Username=postgres;Database=postgres;Target Session Attributes=primary;" +
        $"Timeout=5;Command Timeout={commandTimeoutSeconds};Host Recheck Seconds=1;Maximum Pool Size=50";

    public static async Task<PostgresPair> StartAsync(bool synchronous = true)
    {
        var bin = Directory.GetDirectories("/usr/lib/postgresql").Select(v => Path.Combine(v, "bin"))
            .Where(Directory.Exists).OrderBy(v => v, StringComparer.Ordinal).LastOrDefault()
            ?? throw new InvalidOperationException("PostgreSQL's binaries are not on this machine (/usr/lib/postgresql/*/bin).");
        var folder = Path.Combine(Path.GetTempPath(), "pharmacypos-pgpair-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(folder);
        var pair = new PostgresPair(bin, folder, FreePort(), FreePort());
        await AsPostgresAsync($"chown postgres '{folder}'", root: true);
        await pair.RunAsync($"'{bin}/initdb' -D '{pair.PrimaryData}' -U postgres --auth=trust -E UTF8 --locale=C.UTF-8");
        await File.AppendAllTextAsync(Path.Combine(pair.PrimaryData, "postgresql.conf"), $"""

            listen_addresses = '127.0.0.1'
            port = {pair.PrimaryPort}
            unix_socket_directories = '{folder}'
            wal_level = replica
            max_wal_senders = 5
            max_connections = 200
            synchronous_commit = on
            synchronous_standby_names = '{(synchronous ? "replica1" : "")}'
            """);
        await File.AppendAllTextAsync(Path.Combine(pair.PrimaryData, "pg_hba.conf"), "\nhost replication all 127.0.0.1/32 trust\n");
        await pair.RunAsync($"'{bin}/pg_ctl' -D '{pair.PrimaryData}' -w -l '{folder}/primary.log' start");
        await pair.RunAsync($"'{bin}/pg_basebackup' -h 127.0.0.1 -p {pair.PrimaryPort} -U postgres -D '{pair.ReplicaData}' -R -X stream");
        await File.AppendAllTextAsync(Path.Combine(pair.ReplicaData, "postgresql.conf"), $"""

            port = {pair.ReplicaPort}
            synchronous_standby_names = ''
            """);
        // -R wrote primary_conninfo into postgresql.auto.conf, which is read last: the standby's name goes there,
        // or the primary's synchronous_standby_names never matches and every commit waits for ever.
        await File.AppendAllTextAsync(Path.Combine(pair.ReplicaData, "postgresql.auto.conf"),
            $"\nprimary_conninfo = 'host=127.0.0.1 port={pair.PrimaryPort} user=postgres application_name=replica1'\n");
        await pair.RunAsync($"'{bin}/pg_ctl' -D '{pair.ReplicaData}' -w -l '{folder}/replica.log' start");
        return pair;
    }

    /// <summary>SIGKILL of the primary's postmaster: no shutdown checkpoint, connections cut mid-transaction.</summary>
    public async Task KillPrimaryAsync()
    {
        var pid = int.Parse((await File.ReadAllLinesAsync(Path.Combine(PrimaryData, "postmaster.pid")))[0], System.Globalization.CultureInfo.InvariantCulture);
        Process.GetProcessById(pid).Kill(entireProcessTree: true);
        await Task.Delay(200);
    }

    public Task PromoteReplicaAsync() => RunAsync($"'{_bin}/pg_ctl' -D '{ReplicaData}' -w promote");

    public Task StopReplicaAsync() => RunAsync($"'{_bin}/pg_ctl' -D '{ReplicaData}' -m immediate stop");

    public Task StartReplicaAsync() => RunAsync($"'{_bin}/pg_ctl' -D '{ReplicaData}' -w -l '{_folder}/replica.log' start");

    public async ValueTask DisposeAsync()
    {
        foreach (var data in new[] { PrimaryData, ReplicaData })
            if (File.Exists(Path.Combine(data, "postmaster.pid"))) await RunAsync($"'{_bin}/pg_ctl' -D '{data}' -m immediate stop", check: false);
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    private Task RunAsync(string command, bool check = true) => AsPostgresAsync(command, root: false, check);

    /// <summary>PostgreSQL refuses to run as root: as the postgres user, as Debian sets it up (and as .ci/postgres.sh does).</summary>
    private static async Task AsPostgresAsync(string command, bool root, bool check = true)
    {
        var asRoot = Environment.UserName == "root";
        var start = new ProcessStartInfo(asRoot && !root ? "su" : "bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (asRoot && !root) foreach (var a in new[] { "postgres", "-s", "/bin/bash", "-c", command }) start.ArgumentList.Add(a);
        else if (root && !asRoot) return; // not root: the folder is already ours
        else foreach (var a in new[] { "-c", command }) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (check && process.ExitCode != 0) throw new InvalidOperationException($"{command} failed ({process.ExitCode}): {await output}{await error}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
