using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace PharmacyPos.TestSupport;

/// <summary>
/// The POS as a real process: the built PharmacyPos.Web.dll on a free loopback port with its
/// own SQLite file. Its console is kept so a failing test can show what it logged.
/// </summary>
public sealed partial class PosServer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _log = new();
    private readonly bool _ownsFolder;
    private readonly TaskCompletionSource _sandboxUp = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private PosServer(Process process, string dataFolder, bool ownsFolder)
    {
        _process = process;
        DataFolder = dataFolder;
        _ownsFolder = ownsFolder;
    }

    public string BaseUrl { get; private set; } = "";

    /// <summary>The embedded payment sandbox's address, when the POS started one.</summary>
    public string? SandboxUrl { get; private set; }
    public string DataFolder { get; }
    public string Log { get { lock (_log) return _log.ToString(); } }

    public int ProcessId => _process.Id;

    /// <summary>A POS on a fresh database in its own temporary folder, deleted afterwards.</summary>
    public static Task<PosServer> StartAsync(params string[] extraArgs) => StartInAsync(NewFolder(), ownsFolder: true, extraArgs, null);

    /// <summary>A POS on the database in <paramref name="dataFolder"/>, which outlives it (restarts after a crash).</summary>
    /// <param name="environment">Settings too long or too secret for a command line (keys), e.g. Channels__Alipay__AppPrivateKey.</param>
    public static Task<PosServer> StartInAsync(string dataFolder, IReadOnlyDictionary<string, string> environment, params string[] extraArgs) =>
        StartInAsync(dataFolder, ownsFolder: false, extraArgs, environment);

    /// <summary>
    /// A POS from another build of it on the database in <paramref name="dataFolder"/>: a <c>.dll</c> is run by
    /// <c>dotnet</c>, anything else is the till's own executable (the bench's published, self-contained one).
    /// </summary>
    public static Task<PosServer> StartBuildInAsync(string build, string dataFolder, params string[] extraArgs) =>
        StartInAsync(dataFolder, ownsFolder: false, extraArgs, null, build);

    public static string NewFolder()
    {
        var dataFolder = Path.Combine(Path.GetTempPath(), "pharmacypos-e2e", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dataFolder);
        return dataFolder;
    }

    /// <summary>A POS expected not to start: its exit code and everything it printed.</summary>
    public static async Task<(int ExitCode, string Log)> RunUntilExitAsync(string dataFolder, TimeSpan timeout, params string[] extraArgs)
    {
        var (process, server) = Launch(dataFolder, ownsFolder: false, extraArgs, null, ready: null);
        using var cancel = new CancellationTokenSource(timeout);
        await process.WaitForExitAsync(cancel.Token);
        process.WaitForExit(); // drains the redirected output
        return (process.ExitCode, server.Log);
    }

    /// <summary>
    /// A POS sent SIGTERM (what <c>systemctl stop</c> sends) as soon as its embedded sandbox is up,
    /// while the till itself is still starting: its exit code and everything it printed.
    /// </summary>
    public static async Task<(int ExitCode, string Log)> TerminateWhileStartingAsync(string dataFolder, TimeSpan timeout)
    {
        var (process, server) = Launch(dataFolder, ownsFolder: false, [], null, ready: null);
        await using var _ = server;
        using var cancel = new CancellationTokenSource(timeout);
        await server._sandboxUp.Task.WaitAsync(cancel.Token);
        using (var term = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            await term.WaitForExitAsync(cancel.Token);
        await process.WaitForExitAsync(cancel.Token);
        process.WaitForExit(); // drains the redirected output
        return (process.ExitCode, server.Log);
    }

    /// <summary>
    /// An HTTP client signed in with a demo account (the POS runs in demo mode), its cookie kept
    /// for every later request — as a till or a script would be.
    /// </summary>
    public async Task<HttpClient> SignInAsync(PharmacyPos.Domain.Staff.StaffRole role = PharmacyPos.Domain.Staff.StaffRole.Manager, TimeSpan? timeout = null)
    {
        var (user, _, _, password) = DemoStaff(role);
        var http = new HttpClient(new HttpClientHandler { CookieContainer = new System.Net.CookieContainer() })
        {
            BaseAddress = new Uri(BaseUrl),
            Timeout = timeout ?? TimeSpan.FromSeconds(100),
        };
        using var response = await System.Net.Http.Json.HttpClientJsonExtensions.PostAsJsonAsync(http, "/api/session", new { userName = user, password });
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"Sign-in as {user} failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return http;
    }

    public static (string UserName, string DisplayName, PharmacyPos.Domain.Staff.StaffRole Role, string Password) DemoStaff(PharmacyPos.Domain.Staff.StaffRole role) =>
        PharmacyPos.Checkout.Staff.StaffAccounts.DemoStaff.Single(s => s.Role == role);

    /// <summary>The administrator's first-run password, as the POS printed it once on its console.</summary>
    public string? FirstRunAdminPassword => AdminPasswordLine().Match(Log) is { Success: true } m ? m.Groups[1].Value : null;

    [GeneratedRegex(@"已创建管理员账号 admin，初始密码 (\S+?)（")]
    private static partial Regex AdminPasswordLine();

    /// <summary>SIGKILL: no shutdown, no flush, no finally — what a power cut or an OOM kill does.</summary>
    public async Task KillAsync()
    {
        if (_process.HasExited) return;
        _process.Kill();
        await _process.WaitForExitAsync();
    }

    private static async Task<PosServer> StartInAsync(string dataFolder, bool ownsFolder, string[] extraArgs, IReadOnlyDictionary<string, string>? environment,
        string? build = null)
    {
        var ready = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var (process, server) = Launch(dataFolder, ownsFolder, extraArgs, environment, ready, build);
        var finished = await Task.WhenAny(ready.Task, process.WaitForExitAsync(), Task.Delay(TimeSpan.FromSeconds(90)));
        if (finished != ready.Task)
        {
            await server.DisposeAsync();
            throw new InvalidOperationException("The POS did not start:\n" + server.Log);
        }
        server.BaseUrl = ready.Task.Result.TrimEnd('/');
        return server;
    }

    private static (Process, PosServer) Launch(string dataFolder, bool ownsFolder, string[] extraArgs, IReadOnlyDictionary<string, string>? environment,
        TaskCompletionSource<string>? ready, string? build = null)
    {
        var executable = build is not null && !build.EndsWith(".dll", StringComparison.Ordinal);
        var start = new ProcessStartInfo(executable ? build! : "dotnet")
        {
            WorkingDirectory = dataFolder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
            UseShellExecute = false,
        };
        if (!executable) start.ArgumentList.Add(build ?? WebDll());
        string[] args = ["--urls", "http://127.0.0.1:0", "--Sandbox:Url", "http://127.0.0.1:0", "--Database:Path", Path.Combine(dataFolder, "pos.db"), .. extraArgs];
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) start.Environment[name] = value;
        start.Environment["DOTNET_NOLOGO"] = "1";

        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        var server = new PosServer(process, dataFolder, ownsFolder);
        process.OutputDataReceived += (_, e) => server.OnLine(e.Data, ready);
        process.ErrorDataReceived += (_, e) => server.OnLine(e.Data, null);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return (process, server);
    }

    private void OnLine(string? line, TaskCompletionSource<string>? ready)
    {
        if (line is null) return;
        lock (_log) _log.AppendLine(line);
        if (SandboxLine().Match(line) is { Success: true } s)
        {
            SandboxUrl = s.Groups[1].Value;
            _sandboxUp.TrySetResult();
        }
        if (ready is not null && StartedLine().Match(line) is { Success: true } m) ready.TrySetResult(m.Groups[1].Value);
    }

    [GeneratedRegex(@"收银系统已启动: (http://\S+)")]
    private static partial Regex StartedLine();

    [GeneratedRegex(@"支付沙箱已启动: (http://[^/\s]+)")]
    private static partial Regex SandboxLine();

    private static string WebDll()
    {
        // Same configuration as this test assembly (bin/<Configuration>/net10.0/).
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
        var dll = Path.Combine(Repository.Root, "src", "PharmacyPos.Web", "bin", configuration, "net10.0", "PharmacyPos.Web.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException("Build PharmacyPos.Web first", dll);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
        }
        catch (InvalidOperationException) { /* already gone */ }
        _process.Dispose();
        if (_ownsFolder)
        {
            try { Directory.Delete(DataFolder, recursive: true); } catch (IOException) { }
        }
    }
}
