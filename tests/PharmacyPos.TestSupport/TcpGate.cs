using System.Net;
using System.Net.Sockets;

namespace PharmacyPos.TestSupport;

/// <summary>
/// A TCP forwarder between the POS and its PostgreSQL that a test can shut: <see cref="Cut"/>
/// resets every open connection and refuses new ones, as a server stopped with
/// <c>pg_ctl -m immediate</c> or a pulled network cable does to the POS; <see cref="Restore"/>
/// lets connections through again on the same port. Only the POS behind the gate loses its
/// database: the rest of the run keeps the shared server.
/// </summary>
public sealed class TcpGate : IAsyncDisposable
{
    private readonly EndPoint _target;
    private readonly Lock _gate = new();
    private readonly List<Socket> _open = [];
    private Socket? _listener;
    private CancellationTokenSource _accepting = new();

    private TcpGate(EndPoint target) => _target = target;

    public int Port { get; private set; }

    /// <summary>A gate in front of the server an Npgsql connection string names (a Unix socket folder or host:port).</summary>
    public static TcpGate InFrontOf(string npgsqlConnectionString)
    {
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(npgsqlConnectionString);
        var host = builder.Host ?? throw new InvalidOperationException("The connection string names no host.");
        EndPoint target = host.StartsWith('/')
            ? new UnixDomainSocketEndPoint(Path.Combine(host, $".s.PGSQL.{builder.Port}"))
            : new DnsEndPoint(host, builder.Port);
        var gate = new TcpGate(target);
        gate.Listen(0);
        return gate;
    }

    /// <summary>The same connection string, going through the gate.</summary>
    public string Route(string npgsqlConnectionString) =>
        new Npgsql.NpgsqlConnectionStringBuilder(npgsqlConnectionString) { Host = "127.0.0.1", Port = Port }.ToString();

    public void Cut()
    {
        lock (_gate)
        {
            _accepting.Cancel();
            _listener?.Dispose();
            _listener = null;
            foreach (var socket in _open)
            {
                try { socket.LingerState = new LingerOption(true, 0); } catch (ObjectDisposedException) { }
                socket.Dispose(); // linger 0: a reset, not a polite close
            }
            _open.Clear();
        }
    }

    public void Restore()
    {
        lock (_gate)
        {
            if (_listener is not null) return;
        }
        Listen(Port);
    }

    private void Listen(int port)
    {
        var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, port));
        listener.Listen(64);
        var accepting = new CancellationTokenSource();
        lock (_gate)
        {
            _listener = listener;
            _accepting = accepting;
            Port = ((IPEndPoint)listener.LocalEndPoint!).Port;
        }
        _ = AcceptAsync(listener, accepting.Token);
    }

    private async Task AcceptAsync(Socket listener, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            Socket client;
            try { client = await listener.AcceptAsync(ct); }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException) { return; }
            _ = PipeAsync(client);
        }
    }

    private async Task PipeAsync(Socket client)
    {
        var server = new Socket(_target.AddressFamily == AddressFamily.Unix ? AddressFamily.Unix : AddressFamily.InterNetwork,
            SocketType.Stream, _target.AddressFamily == AddressFamily.Unix ? ProtocolType.Unspecified : ProtocolType.Tcp);
        try
        {
            await server.ConnectAsync(_target);
        }
        catch (SocketException)
        {
            client.Dispose();
            server.Dispose();
            return;
        }
        lock (_gate)
        {
            if (_listener is null)
            {
                client.Dispose();
                server.Dispose();
                return;
            }
            _open.Add(client);
            _open.Add(server);
        }
        await Task.WhenAny(CopyAsync(client, server), CopyAsync(server, client));
        lock (_gate)
        {
            _open.Remove(client);
            _open.Remove(server);
        }
        client.Dispose();
        server.Dispose();
    }

    private static async Task CopyAsync(Socket from, Socket to)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            while (true)
            {
                var read = await from.ReceiveAsync(buffer, SocketFlags.None);
                if (read == 0) return;
                await to.SendAsync(buffer.AsMemory(0, read), SocketFlags.None);
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException) { }
    }

    public ValueTask DisposeAsync()
    {
        Cut();
        return ValueTask.CompletedTask;
    }
}
