using System.Net;
using System.Net.Sockets;
using System.Text;

namespace PharmacyPos.TestSupport;

/// <summary>What a printer was sent, decoded: its text (GB18030), the QR codes' data, and whether it cut and kicked the drawer.</summary>
public sealed record PrintedJob(string Text, IReadOnlyList<string> QrCodes, bool Cut, bool DrawerKicked, int Bytes);

/// <summary>
/// A network receipt printer on a loopback port, as the tests' stand-in for one on port 9100: it
/// answers the status request (DLE EOT 1) as a ready printer would — or, as asked, with garbage —
/// and decodes each job's ESC/POS bytes.
/// </summary>
public sealed class FakePrinter : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly List<PrintedJob> _jobs = [];
    private readonly Task _accepting;

    public FakePrinter()
    {
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public string Address => $"127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}";

    /// <summary>The status byte it answers with: 0x12 is a ready printer; 0x1A has its offline bit set; anything with bit 7 is nonsense.</summary>
    public byte Status { get; set; } = 0x12;

    public IReadOnlyList<PrintedJob> Jobs { get { lock (_jobs) return [.. _jobs]; } }

    /// <summary>The n-th job, once the printer has read it to the end (the POS closes the connection after the last byte).</summary>
    public async Task<PrintedJob> JobAsync(int n)
    {
        using var bound = new CancellationTokenSource(TimeSpan.FromMinutes(2)); // a hung test fails instead of hanging CI
        while (Jobs.Count < n) await _added.WaitAsync(bound.Token);
        return Jobs[n - 1];
    }

    private readonly SemaphoreSlim _added = new(0);

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try { client = await _listener.AcceptTcpClientAsync(_stop.Token); }
            catch (OperationCanceledException) { return; }
            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            var stream = client.GetStream();
            var received = new MemoryStream();
            var buffer = new byte[8192];
            var answered = false;
            int read;
            try
            {
                while ((read = await stream.ReadAsync(buffer, _stop.Token)) > 0)
                {
                    received.Write(buffer, 0, read);
                    if (!answered && received.Length >= 3 && received.GetBuffer().AsSpan(0, 3).SequenceEqual(new byte[] { 0x10, 0x04, 0x01 }))
                    {
                        answered = true;
                        await stream.WriteAsync(new[] { Status }, _stop.Token);
                    }
                }
            }
            catch (Exception e) when (e is IOException or OperationCanceledException) { }
            var bytes = received.ToArray();
            if (bytes.Length > 3)
            {
                lock (_jobs) _jobs.Add(Decode(bytes.AsSpan(3).ToArray()));
                _added.Release();
            }
        }
    }

    /// <summary>ESC/POS as the POS writes it: the commands it uses are stepped over, text runs decoded as GB18030.</summary>
    public static PrintedJob Decode(byte[] b)
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var gb = Encoding.GetEncoding("GB18030");
        var text = new List<byte>();
        var qrs = new List<string>();
        bool cut = false, kick = false;
        for (var i = 0; i < b.Length;)
        {
            switch (b[i])
            {
                case 0x1B when b[i + 1] == 0x40: i += 2; break;                  // ESC @
                case 0x1B when b[i + 1] == 0x61: i += 3; break;                  // ESC a n
                case 0x1B when b[i + 1] == 0x70: kick = true; i += 5; break;     // ESC p m t1 t2
                case 0x1C when b[i + 1] == 0x26: i += 2; break;                  // FS &
                case 0x1D when b[i + 1] == 0x21: i += 3; break;                  // GS ! n
                case 0x1D when b[i + 1] == 0x56: cut = true; i += 4; break;      // GS V 66 n
                case 0x1D when b[i + 1] == 0x28 && b[i + 2] == 0x6B:             // GS ( k pL pH cn fn …
                    var length = b[i + 3] + b[i + 4] * 256;
                    if (b[i + 6] == 0x50) qrs.Add(Encoding.ASCII.GetString(b, i + 8, length - 3));
                    i += 5 + length;
                    break;
                default: text.Add(b[i]); i++; break;
            }
        }
        return new PrintedJob(gb.GetString([.. text]), qrs, cut, kick, b.Length);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try { await _accepting; } catch (OperationCanceledException) { }
        _stop.Dispose();
    }
}
