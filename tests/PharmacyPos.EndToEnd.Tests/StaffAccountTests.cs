using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using PharmacyPos.Domain.Staff;
using PharmacyPos.TestSupport;
using static Microsoft.Playwright.Assertions;

namespace PharmacyPos.EndToEnd.Tests;

/// <summary>First run, accounts and throttling, each on a POS of its own (they change who may sign in).</summary>
[Collection(PosCollection.Name)]
public partial class StaffAccountTests(PosFixture pos)
{
    [Fact]
    public async Task The_first_run_prints_an_admin_password_once_that_must_be_changed_and_the_admin_adds_a_cashier()
    {
        var folder = PosServer.NewFolder();
        string adminPassword;
        await using (var server = await PosServer.StartInAsync(folder, new Dictionary<string, string>(), "--Accounts:SeedDemo", "false"))
        {
            adminPassword = server.FirstRunAdminPassword ?? throw new InvalidOperationException("No first-run password printed:\n" + server.Log);
            Assert.Matches("^[A-Za-z2-9]{12}$", adminPassword);
            // The console only: not in the audit log, not in the log lines.
            Assert.Single(Regex.Matches(server.Log, Regex.Escape(adminPassword)));

            var page = await pos.OpenSignedOutAsync();
            await page.GotoAsync(server.BaseUrl + "/reconciliation");
            await Expect(page).ToHaveURLAsync(new Regex("/signin"));
            await page.ScreenshotAsync(new() { Path = Path.Combine(PosFixture.ArtifactsFolder, "signin.png") });
            await TillSignIn.SignInAsync(page, server.BaseUrl, "admin", adminPassword);
            await Expect(page).ToHaveURLAsync(new Regex("/password$"));
            await Expect(page.GetByTestId("password-required")).ToBeVisibleAsync();
            // Nothing else opens until it is changed.
            await page.GotoAsync(server.BaseUrl + "/staff");
            await Expect(page).ToHaveURLAsync(new Regex("/password$"));

            await page.GetByLabel("当前密码").FillAsync(adminPassword);
            await page.GetByLabel("新密码", new() { Exact = true }).FillAsync("short1");
            await page.GetByLabel("再次输入新密码").FillAsync("short1");
            await page.GetByRole(AriaRole.Button, new() { Name = "保存" }).ClickAsync();
            await Expect(page.GetByTestId("password-error")).ToHaveTextAsync("密码至少 8 位。");

            await page.GetByLabel("当前密码").FillAsync(adminPassword);
            await page.GetByLabel("新密码", new() { Exact = true }).FillAsync("Owner2026pass");
            await page.GetByLabel("再次输入新密码").FillAsync("Owner2026pass");
            await page.GetByRole(AriaRole.Button, new() { Name = "保存" }).ClickAsync();
            await page.WaitForSelectorAsync("body[data-till-ready]");

            await page.Locator(".topbar nav").GetByText("账号").ClickAsync();
            await Expect(page.GetByTestId("staff-table")).ToBeVisibleAsync();
            await page.SetViewportSizeAsync(1024, 768);
            var small = await SmallMonitor.ProblemsAsync(page);
            Assert.True(small.Length == 0, "/staff at 1024 px: " + string.Join("; ", small));
            await page.SetViewportSizeAsync(1366, 800);
            await page.GetByTestId("new-user").FillAsync("Wang.Wu");
            await page.GetByTestId("new-name").FillAsync("王五");
            await page.GetByTestId("new-role").SelectOptionAsync(StaffRole.Cashier.ToString());
            await page.GetByTestId("new-create").ClickAsync();
            await Expect(page.GetByTestId("staff-message")).ToContainTextAsync("临时密码");
            var temporary = Regex.Match(await page.GetByTestId("staff-message").TextContentAsync() ?? "", "临时密码 (\\S+?)。").Groups[1].Value;
            await Expect(page.GetByTestId("staff-table")).ToContainTextAsync("待修改密码");

            // Enter in the form creates; 停用 asks first, showing the change, and 否 changes nothing.
            await page.GetByTestId("new-user").FillAsync("zhao.liu");
            await page.GetByTestId("new-name").FillAsync("赵六");
            await page.GetByTestId("new-name").PressAsync("Enter");
            await Expect(page.GetByTestId("staff-message")).ToContainTextAsync("已新建账号 zhao.liu");
            var zhao = page.GetByTestId("staff-table").Locator("tr", new() { HasText = "zhao.liu" });
            await Expect(zhao).ToContainTextAsync("待修改密码");
            await zhao.GetByTestId("toggle-disabled").ClickAsync();
            await Expect(page.GetByTestId("staff-confirm")).ToContainTextAsync("正常 → 已停用");
            await Expect(page.GetByTestId("staff-confirm-yes")).ToBeFocusedAsync();
            await page.Keyboard.PressAsync("n");
            await Expect(page.GetByTestId("staff-confirm")).ToHaveCountAsync(0);
            await Expect(zhao).Not.ToContainTextAsync("已停用");
            await zhao.GetByTestId("toggle-disabled").ClickAsync();
            await page.GetByTestId("staff-confirm-yes").ClickAsync();
            await Expect(zhao).ToContainTextAsync("已停用");
            await Expect(page.GetByTestId("change-password")).ToHaveTextAsync("修改密码");

            await page.GetByTestId("signout").ClickAsync();
            await page.GetByTestId("signout-submit").ClickAsync();
            await Expect(page).ToHaveURLAsync(new Regex("/signin$"));
            await TillSignIn.SignInAsync(page, server.BaseUrl, "wang.wu", temporary);
            await Expect(page).ToHaveURLAsync(new Regex("/password$"));
        }
        // A second start on the same database prints no password: the admin exists.
        await using (var again = await PosServer.StartInAsync(folder, new Dictionary<string, string>(), "--Accounts:SeedDemo", "false"))
        {
            Assert.Null(again.FirstRunAdminPassword);
            using var http = new HttpClient { BaseAddress = new Uri(again.BaseUrl) };
            var signIn = await http.PostAsJsonAsync("/api/session", new { userName = "admin", password = "Owner2026pass" });
            Assert.False((await signIn.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("mustChangePassword").GetBoolean());
        }
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task A_guesser_is_held_back_but_cannot_lock_the_cashier_out_of_the_till_they_signed_in_at_and_addresses_are_throttled()
    {
        await using var server = await PosServer.StartAsync();
        // The cashier's till signed in before: its browser is a known device for the account.
        using var till = await server.SignInAsync(StaffRole.Cashier);
        using var http = new HttpClient { BaseAddress = new Uri(server.BaseUrl) };
        async Task<(HttpStatusCode, string?)> TryAsync(HttpClient client, string user, string password)
        {
            using var answer = await client.PostAsJsonAsync("/api/session", new { userName = user, password });
            return (answer.StatusCode, answer.IsSuccessStatusCode ? null : (await answer.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        }
        var right = PosServer.DemoStaff(StaffRole.Cashier).Password;

        for (var i = 1; i < SignInThrottle.FreeFailures; i++) Assert.Equal((HttpStatusCode.Unauthorized, "SIGN_IN_FAILED"), await TryAsync(http, "cashier", "guess" + i + "abc"));
        Assert.Equal((HttpStatusCode.TooManyRequests, "SIGN_IN_DELAYED"), await TryAsync(http, "cashier", "guess5abc"));
        Assert.Equal((HttpStatusCode.TooManyRequests, "SIGN_IN_DELAYED"), await TryAsync(http, "cashier", right));

        // The cashier signs out at the till and back in: the guesser on the same machine changed nothing for them.
        using (var signOut = new HttpRequestMessage(HttpMethod.Delete, "/api/session") { Content = JsonContent.Create(new { }) })
            Assert.Equal(HttpStatusCode.NoContent, (await till.SendAsync(signOut)).StatusCode);
        Assert.Equal((HttpStatusCode.OK, null), await TryAsync(till, "cashier", right));

        // Cycling through names locks no one, so the address is slowed down instead: 20 tries a minute.
        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 20; i++) answers.Add((await TryAsync(http, "nobody" + i, "whatever1")).Item1);
        Assert.Contains(HttpStatusCode.TooManyRequests, answers);
        Assert.Equal((HttpStatusCode.TooManyRequests, "SIGN_IN_THROTTLED"), await TryAsync(http, "manager", PosServer.DemoStaff(StaffRole.Manager).Password));

        var page = await pos.OpenSignedOutAsync();
        await page.GotoAsync(server.BaseUrl + "/signin");
        await page.GetByLabel("账号").FillAsync("manager");
        await page.GetByLabel("密码").FillAsync("whatever1");
        await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
        await Expect(page.GetByTestId("signin-error")).ToHaveTextAsync("登录尝试过于频繁，请一分钟后再试。");
    }

    [Fact]
    public async Task A_changed_password_ends_the_accounts_other_sign_ins()
    {
        await using var server = await PosServer.StartAsync("--Accounts:SessionRecheckSeconds", "0");
        using var till = await server.SignInAsync(StaffRole.Cashier);
        Assert.Equal(HttpStatusCode.OK, (await till.GetAsync("/api/catalogue/lookup?entry=YP00202")).StatusCode);

        // The same cashier, elsewhere, changes the password through the form (antiforgery token and all).
        using var elsewhere = await server.SignInAsync(StaffRole.Cashier);
        var form = await elsewhere.GetStringAsync("/password");
        var token = Regex.Match(form, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
        var changed = await elsewhere.PostAsync("/account/password", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["current"] = PosServer.DemoStaff(StaffRole.Cashier).Password,
            ["next"] = "newpass2027", ["repeat"] = "newpass2027",
        }));
        Assert.EndsWith("/?password=changed", changed.RequestMessage!.RequestUri!.PathAndQuery, StringComparison.Ordinal);

        using var refused = await till.GetAsync("/api/catalogue/lookup?entry=YP00202");
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await elsewhere.GetAsync("/api/catalogue/lookup?entry=YP00202")).StatusCode);
    }
}
