using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using PharmacyPos.Domain.Staff;
using static Microsoft.Playwright.Assertions;

namespace PharmacyPos.EndToEnd.Tests;

/// <summary>Who may open what: through HTTP (every page and API) and in the browser (menus, navigation inside the till).</summary>
[Collection(PosCollection.Name)]
public class AccessTests(PosFixture pos)
{
    private static readonly string[] TillPages = ["/", "/mobile-payment", "/catalogue"];
    private static readonly string[] ManagerPages = ["/registrations", "/reconciliation", "/audit", "/settings", "/audit/export", "/registrations/export?date=2026-01-01",
        "/stock", "/stock/export?filter=near",
        "/orders", "/reports", "/reports/export?from=2026-01-01&to=2026-01-01",
        "/regulated/prescriptions", "/regulated/ephedrine", "/regulated/ephedrine/export?from=2026-01-01&to=2026-01-01&format=csv"];
    private static readonly string[] AdminPages = ["/staff"];

    private HttpClient Anonymous() =>
        new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = new Uri(pos.Server.BaseUrl) };

    private async Task<HttpClient> AsAsync(StaffRole role)
    {
        var (user, _, _, password) = PharmacyPos.TestSupport.PosServer.DemoStaff(role);
        var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() }) { BaseAddress = new Uri(pos.Server.BaseUrl) };
        (await http.PostAsJsonAsync("/api/session", new { userName = user, password })).EnsureSuccessStatusCode();
        return http;
    }

    [Fact]
    public async Task Without_signing_in_every_page_sends_to_the_sign_in_page_and_every_api_answers_401_but_the_phone_page_is_open()
    {
        using var http = Anonymous();
        foreach (var path in TillPages.Concat(ManagerPages).Concat(AdminPages))
        {
            using var page = await http.GetAsync(path);
            Assert.True(page.StatusCode == HttpStatusCode.Redirect, $"{path}: {page.StatusCode}");
            // Relative: the POS never builds an address from the Host header a client sent.
            Assert.StartsWith("/signin", page.Headers.Location!.OriginalString, StringComparison.Ordinal);
        }
        foreach (var (method, path) in new[] { ("GET", "/api/catalogue/lookup?entry=YP00202"), ("GET", "/api/orders/123"), ("POST", "/api/sales/mobile"), ("POST", "/api/orders/1/refund") })
        {
            using var answer = await http.SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Content = method == "POST" ? JsonContent.Create(new { }) : null });
            Assert.Equal(HttpStatusCode.Unauthorized, answer.StatusCode);
            Assert.Equal("SIGN_IN_REQUIRED", (await answer.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        }
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/signin")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/health")).StatusCode);
        using var phone = new HttpClient();
        Assert.Equal(HttpStatusCode.OK, (await phone.GetAsync(pos.Server.SandboxUrl + "/phone")).StatusCode);
    }

    [Theory]
    [InlineData(StaffRole.Cashier)]
    [InlineData(StaffRole.Manager)]
    public async Task Each_role_opens_its_pages_and_is_turned_away_from_the_others(StaffRole role)
    {
        using var http = await AsAsync(role);
        var allowed = role == StaffRole.Cashier ? TillPages : [.. TillPages, .. ManagerPages];
        foreach (var path in TillPages.Concat(ManagerPages).Concat(AdminPages))
        {
            using var page = await http.GetAsync(path);
            if (allowed.Contains(path))
            {
                Assert.True(page.StatusCode is HttpStatusCode.OK or HttpStatusCode.BadRequest, $"{role} {path}: {page.StatusCode}");
            }
            else
            {
                Assert.True(page.StatusCode == HttpStatusCode.Redirect && page.Headers.Location!.OriginalString.Split('?')[0] == "/denied", $"{role} {path}: {page.StatusCode} {page.Headers.Location}");
            }
        }
    }

    [Fact]
    public async Task A_cashiers_menu_has_only_the_till_and_a_manager_page_opened_inside_the_till_says_no_access()
    {
        var cashier = await pos.OpenTillAsync();
        var nav = cashier.Locator(".topbar nav");
        await Expect(nav).ToContainTextAsync("手机支付");
        foreach (var link in new[] { "登记台账", "对账", "审计日志", "设置", "账号" }) await Expect(nav).Not.ToContainTextAsync(link);
        await Expect(cashier.GetByTestId("staff-on-duty")).ToHaveTextAsync("演示收银员（收银员）");
        // Navigation inside the running till never asks the server for the page: the router checks it.
        await cashier.EvaluateAsync("() => Blazor.navigateTo('/audit')");
        await Expect(cashier.GetByTestId("denied")).ToContainTextAsync("当前账号无权打开此页面");
        await Expect(cashier.GetByTestId("audit-table")).ToHaveCountAsync(0);

        var manager = await pos.OpenTillAsync(role: StaffRole.Manager);
        var managerNav = manager.Locator(".topbar nav");
        foreach (var link in new[] { "登记台账", "对账", "审计日志", "设置" }) await Expect(managerNav).ToContainTextAsync(link);
        await Expect(managerNav).Not.ToContainTextAsync("账号");
    }

    [Fact]
    public async Task A_cashiers_refund_above_the_threshold_waits_for_the_managers_name_and_password_in_the_yes_no_popup()
    {
        // ¥104.80 (8 × ¥13.10), over the ¥100 default.
        var code = await pos.CodeAsync("auto", "WeChat");
        var paid = await pos.Http.PostAsJsonAsync("/api/sales/mobile", new { items = new[] { new { entry = "YP00001", quantity = 8 } }, code });
        paid.EnsureSuccessStatusCode();
        var tradeNo = (await paid.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("tradeNo").GetString()!;

        var page = await pos.OpenTillAsync("/mobile-payment");
        await page.GetByRole(AriaRole.Tab, new() { Name = "退单" }).ClickAsync();
        await page.GetByLabel("交易号").FillAsync(tradeNo);
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByTestId("refund-results")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("F4");

        var popup = page.GetByTestId("confirm-refund");
        await Expect(popup.GetByTestId("refund-approval")).ToContainTextAsync("须店长输入账号和密码批准");
        await Expect(page.GetByTestId("approver-name")).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync("manager");
        await page.GetByTestId("approver-password").FillAsync("not-the-password1");
        await page.Keyboard.PressAsync("Enter");
        await Expect(popup.GetByTestId("approval-error")).ToHaveTextAsync("店长账号或密码不正确，退款未批准。");
        Assert.DoesNotContain(await pos.LedgerAsync(tradeNo), e => e.GetProperty("movement").GetString() is not ("Charge" or "InsuranceSettlement"));
        await page.ScreenshotAsync(new() { Path = Path.Combine(PosFixture.ArtifactsFolder, "refund-approval.png") });

        await page.GetByTestId("approver-password").FillAsync(PharmacyPos.TestSupport.PosServer.DemoStaff(StaffRole.Manager).Password);
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByTestId("status")).ToContainTextAsync("退单成功");
        await Expect(popup).ToHaveCountAsync(0);

        var audit = await pos.Http.GetStringAsync($"/audit/export?tradeNo={tradeNo}");
        Assert.Contains($"cashier,演示收银员,收银员,发起退款,\"=\"\"{tradeNo}\"\"\",104.80,manager,", audit); // the 交易号 as text Excel keeps whole
        Assert.Contains("退款批准失败", audit);
    }

    [Fact]
    public async Task A_form_post_without_its_antiforgery_token_is_refused()
    {
        using var http = Anonymous();
        var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["userName"] = "manager", ["password"] = PharmacyPos.TestSupport.PosServer.DemoStaff(StaffRole.Manager).Password });
        using var signIn = await http.PostAsync("/account/signin", form);
        Assert.Equal(HttpStatusCode.BadRequest, signIn.StatusCode);
        Assert.Null(signIn.Headers.Location);
        Assert.DoesNotContain(signIn.Headers, h => h.Key == "Set-Cookie" && h.Value.Any(v => v.StartsWith("PharmacyPos.Staff=", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Through_the_api_a_cashiers_refund_above_the_threshold_also_needs_the_managers_credentials()
    {
        using var cashier = await AsAsync(StaffRole.Cashier);
        var code = await pos.CodeAsync("auto", "Alipay");
        var paid = await cashier.PostAsJsonAsync("/api/sales/mobile", new { items = new[] { new { entry = "YP00001", quantity = 9 } }, code });
        var tradeNo = (await paid.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("tradeNo").GetString()!;

        using var alone = await cashier.PostAsync($"/api/orders/{tradeNo}/refund", JsonContent.Create(new { }));
        Assert.Equal(HttpStatusCode.Forbidden, alone.StatusCode);
        Assert.Equal("REFUND_APPROVAL_REQUIRED", (await alone.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());

        var manager = PharmacyPos.TestSupport.PosServer.DemoStaff(StaffRole.Manager);
        using var approved = await cashier.PostAsJsonAsync($"/api/orders/{tradeNo}/refund", new { approver = new { userName = manager.UserName, password = manager.Password } });
        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        Assert.Equal("Refunded", (await approved.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
    }
}
