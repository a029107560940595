using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using PharmacyPos.Domain.Staff;

namespace PharmacyPos.EndToEnd.Tests;

/// <summary>One POS process and one browser for the whole suite; each test gets its own page.</summary>
public sealed class PosFixture : IAsyncLifetime
{
    private IPlaywright? _playwright;

    private PosServer? _server;
    private IBrowser? _browser;
    private HttpClient? _http;

    public PosServer Server => _server ?? throw new InvalidOperationException("The POS did not start.");
    public IBrowser Browser => _browser ?? throw new InvalidOperationException("The browser did not start.");
    public HttpClient Http => _http ?? throw new InvalidOperationException("The POS did not start.");

    public async Task InitializeAsync()
    {
        // A bound on waiting for a state the screen must reach, not a speed target: on a busy 2-core machine a render
        // or an import can take longer than Playwright's 5 s default without anything being wrong.
        Microsoft.Playwright.Assertions.SetDefaultExpectTimeout(20_000);
        // The browser tests shorten the 60 s window to 12 s (a timeout takes seconds, a busy machine still confirms within it); the product's value stays 60.
        _server = await PosServer.StartAsync("--MobilePayment:ConfirmWindowSeconds", "12", "--MobilePayment:PollIntervalSeconds", "1");
        // Scripts and exports as the store manager; the tills below are cashiers unless a test asks otherwise.
        _http = await _server.SignInAsync(StaffRole.Manager);
        (_playwright, _browser) = await EndToEnd.Tests.Browser.LaunchAsync();
    }

    public async Task DisposeAsync()
    {
        _http?.Dispose();
        if (_browser is not null) await _browser.DisposeAsync();
        _playwright?.Dispose();
        if (_server is not null) await _server.DisposeAsync();
    }

    private readonly Dictionary<StaffRole, string> _signedIn = [];

    /// <summary>
    /// A fresh till: a new browser context on the sale screen, keyboard attached, with a demo
    /// account signed in (through the 登录 form once per role; later tills reuse its cookie).
    /// </summary>
    /// <param name="width">1366 (the usual till monitor) or 1024 (a small one, at 768 high).</param>
    public async Task<IPage> OpenTillAsync(string path = "/", string readyWhen = "body[data-till-ready]", StaffRole role = StaffRole.Cashier, int width = 1366)
    {
        var options = new BrowserNewContextOptions { Locale = "zh-CN", ViewportSize = new() { Width = width, Height = width <= 1024 ? 768 : 800 } };
        string? state;
        lock (_signedIn) _signedIn.TryGetValue(role, out state);
        if (state is not null) options.StorageState = state;
        var context = await Browser.NewContextAsync(options);
        context.SetDefaultNavigationTimeout(90_000); // a bound for a busy machine, not a speed
        var page = await context.NewPageAsync();
        if (state is null)
        {
            await TillSignIn.SignInAsync(page, Server.BaseUrl, role, path);
            var signedIn = await context.StorageStateAsync();
            lock (_signedIn) _signedIn[role] = signedIn;
        }
        else
        {
            await page.GotoAsync(Server.BaseUrl + path);
        }
        await page.WaitForSelectorAsync(readyWhen);
        return page;
    }

    /// <summary>A browser context nobody has signed in on.</summary>
    public async Task<IPage> OpenSignedOutAsync()
    {
        var context = await Browser.NewContextAsync(new() { Locale = "zh-CN", ViewportSize = new() { Width = 1366, Height = 800 } });
        return await context.NewPageAsync();
    }

    /// <summary>The current payment code on a sandbox customer's phone.</summary>
    public async Task<string> CodeAsync(string customer, string wallet = "Alipay") =>
        (await Http.GetFromJsonAsync<JsonElement>($"{Server.SandboxUrl}/admin/codes/{customer}/{wallet}")).GetProperty("code").GetString()!;

    /// <summary>The sandbox ledger's movements for one 交易号.</summary>
    public async Task<JsonElement[]> LedgerAsync(string tradeNo) =>
        (await Http.GetFromJsonAsync<JsonElement[]>($"{Server.SandboxUrl}/admin/ledger"))!
            .Where(e => e.GetProperty("outTradeNo").GetString() == tradeNo).ToArray();

    public async Task<JsonElement> DrugAsync(string code) =>
        await Http.GetFromJsonAsync<JsonElement>($"/api/catalogue/lookup?entry={code}");

    public static string ArtifactsFolder
    {
        get
        {
            var folder = Path.Combine(AppContext.BaseDirectory, "screenshots");
            Directory.CreateDirectory(folder);
            return folder;
        }
    }
}

[CollectionDefinition(Name)]
public sealed class PosCollection : ICollectionFixture<PosFixture>
{
    public const string Name = "POS";
}
