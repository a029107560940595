using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using PharmacyPos.Domain.Staff;
using static Microsoft.Playwright.Assertions;

namespace PharmacyPos.EndToEnd.Tests;

/// <summary>What an outside probe tried and the POS now turns away: copied cookies, forged hosts, cross-site posts, bad input.</summary>
[Collection(PosCollection.Name)]
public partial class HardeningTests(PosFixture pos)
{
    private async Task<(HttpClient Http, CookieContainer Cookies)> SignedInAsync(StaffRole role)
    {
        var (user, _, _, password) = PosServer.DemoStaff(role);
        var cookies = new CookieContainer();
        var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = cookies }) { BaseAddress = new Uri(pos.Server.BaseUrl) };
        (await http.PostAsJsonAsync("/api/session", new { userName = user, password })).EnsureSuccessStatusCode();
        return (http, cookies);
    }

    private static async Task<string?> CodeOf(HttpResponseMessage answer) =>
        (await answer.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString();

    [Fact]
    public async Task Signing_out_ends_the_session_on_the_server_so_a_copied_cookie_stops_working()
    {
        var (http, cookies) = await SignedInAsync(StaffRole.Cashier);
        var copied = cookies.GetCookieHeader(new Uri(pos.Server.BaseUrl));
        using var thief = new HttpClient(new HttpClientHandler { UseCookies = false }) { BaseAddress = new Uri(pos.Server.BaseUrl) };
        thief.DefaultRequestHeaders.Add("Cookie", copied);
        Assert.Equal(HttpStatusCode.OK, (await thief.GetAsync("/api/catalogue/lookup?entry=YP00202")).StatusCode);

        using var signOut = new HttpRequestMessage(HttpMethod.Delete, "/api/session") { Content = JsonContent.Create(new { }) };
        Assert.Equal(HttpStatusCode.NoContent, (await http.SendAsync(signOut)).StatusCode);

        using var refused = await thief.GetAsync("/api/catalogue/lookup?entry=YP00202");
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal("SIGN_IN_REQUIRED", await CodeOf(refused));
    }

    [Fact]
    public async Task The_sign_out_form_is_refused_without_its_antiforgery_token_and_the_cashier_stays_signed_in()
    {
        var (http, _) = await SignedInAsync(StaffRole.Cashier);
        foreach (var content in new HttpContent?[] { null, new FormUrlEncodedContent([]), new StringContent("x") })
        {
            using var answer = await http.PostAsync("/account/signout", content);
            Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
            Assert.Equal("REQUEST_INVALID", await CodeOf(answer));
        }
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/api/catalogue/lookup?entry=YP00202")).StatusCode);

        // With the form's token it signs out.
        var form = await http.GetStringAsync("/signout");
        var token = TokenField().Match(form).Groups[1].Value;
        using var signedOut = await http.PostAsync("/account/signout", new FormUrlEncodedContent([new("__RequestVerificationToken", token)]));
        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("/api/catalogue/lookup?entry=YP00202")).StatusCode);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();

    [Fact]
    public async Task A_refund_poll_or_abandon_that_is_not_json_is_refused_so_another_page_on_this_host_cannot_send_one()
    {
        var paid = await pos.Http.PostAsJsonAsync("/api/sales/mobile", new { items = new[] { new { entry = "YP00202", quantity = 1 } }, code = await pos.CodeAsync("auto", "WeChat") });
        var tradeNo = (await paid.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("tradeNo").GetString()!;
        var (cashier, _) = await SignedInAsync(StaffRole.Cashier);

        foreach (var action in new[] { "refund", "poll", "abandon" })
            foreach (var content in new HttpContent?[] { null, new StringContent("{}"), new FormUrlEncodedContent([new("a", "b")]) })
            {
                using var answer = await cashier.PostAsync($"/api/orders/{tradeNo}/{action}", content);
                Assert.Equal(HttpStatusCode.UnsupportedMediaType, answer.StatusCode);
                Assert.Equal("UNSUPPORTED_MEDIA_TYPE", await CodeOf(answer));
            }
        Assert.DoesNotContain(await pos.LedgerAsync(tradeNo), e => e.GetProperty("movement").GetString() == "Refund");
        Assert.Equal("已支付", (await pos.Http.GetFromJsonAsync<JsonElement>($"/api/orders/{tradeNo}")).GetProperty("status").GetString());
    }

    [Theory]
    [InlineData("/\u0001evil")]
    [InlineData("/\t/evil.example")]
    [InlineData("/\\evil.example")]
    [InlineData("https://evil.example/")]
    public async Task A_return_address_that_is_not_a_plain_local_path_sends_the_cashier_to_the_till(string returnUrl)
    {
        var cookies = new CookieContainer();
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = cookies }) { BaseAddress = new Uri(pos.Server.BaseUrl) };
        var token = TokenField().Match(await http.GetStringAsync("/signin")).Groups[1].Value;
        var (user, _, _, password) = PosServer.DemoStaff(StaffRole.Cashier);
        using var answer = await http.PostAsync("/account/signin", new FormUrlEncodedContent(
            [new("__RequestVerificationToken", token), new("userName", user), new("password", password), new("returnUrl", returnUrl)]));
        Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
        Assert.Equal("/", answer.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task A_forged_host_header_never_becomes_a_redirect_to_another_host()
    {
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = new Uri(pos.Server.BaseUrl) };
        foreach (var path in new[] { "/", "/audit", "/mobile-payment?x=1" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.Host = "evil.example";
            using var answer = await http.SendAsync(request);
            Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
            var location = answer.Headers.Location!.OriginalString;
            Assert.StartsWith("/signin", location, StringComparison.Ordinal);
            Assert.DoesNotContain("evil", location, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task Answers_carry_a_real_content_security_policy_and_no_server_banner_and_the_till_runs_under_it()
    {
        foreach (var path in new[] { "/signin", "/", "/api/orders/12x" })
        {
            using var answer = await pos.Http.GetAsync(path);
            Assert.False(answer.Headers.Contains("Server"), $"{path} names its server");
            var policy = answer.Headers.GetValues("Content-Security-Policy").Single();
            Assert.Contains("script-src 'self'", policy);
            Assert.Contains("object-src 'none'", policy);
            Assert.DoesNotContain("unsafe-eval", policy);
            Assert.DoesNotContain("script-src 'self' 'unsafe-inline'", policy);
        }

        // The till works under the policy: no violation reported while selling.
        var page = await pos.OpenSignedOutAsync();
        var violations = new List<string>();
        page.Console += (_, m) => { if (m.Text.Contains("Content Security Policy", StringComparison.Ordinal)) violations.Add(m.Text); };
        await TillSignIn.SignInAsync(page, pos.Server.BaseUrl, StaffRole.Cashier);
        await page.WaitForSelectorAsync("body[data-till-ready]");
        await page.Locator("[data-entry]").FillAsync("YP00202");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByTestId("total")).Not.ToHaveTextAsync("¥0.00");
        await page.Keyboard.PressAsync("Alt+S");
        await Expect(page.GetByRole(AriaRole.Tab, new() { Name = "退单" })).ToBeVisibleAsync();
        Assert.Empty(violations);
        await page.CloseAsync();
    }

    [Fact]
    public async Task An_out_of_range_date_in_the_refund_query_is_a_message_in_the_field_not_an_error_page()
    {
        var page = await pos.OpenTillAsync("/mobile-payment");
        await page.GetByRole(AriaRole.Tab, new() { Name = "退单" }).ClickAsync();
        await page.GetByTestId("q-start").FillAsync("0001-01-01T00:00");
        await page.GetByRole(AriaRole.Button, new() { Name = "查询" }).ClickAsync();
        await Expect(page.GetByTestId("status")).ToContainTextAsync("须在 2000 年到 2099 年之间");
        // The page is still the till: the query works once the year is right.
        await page.GetByTestId("q-start").FillAsync("2026-01-01T00:00");
        await page.GetByRole(AriaRole.Button, new() { Name = "查询" }).ClickAsync();
        await Expect(page.GetByTestId("status")).Not.ToContainTextAsync("2099");
        await page.CloseAsync();
    }

    [Fact]
    public async Task The_sandbox_admin_page_shows_what_a_caller_put_in_as_text_never_as_markup()
    {
        using var http = new HttpClient();
        (await http.PostAsJsonAsync($"{pos.Server.SandboxUrl}/admin/faults",
            new { channel = "nochannel<script>alert(1)</script>", operation = "<img src=x onerror=alert(2)>", kind = "Latency", delayMs = 0, times = 1 })).EnsureSuccessStatusCode();
        try
        {
            var html = await http.GetStringAsync($"{pos.Server.SandboxUrl}/admin");
            Assert.DoesNotContain("<script>alert(1)", html);
            Assert.DoesNotContain("<img src=x", html);
            Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html);
        }
        finally
        {
            await http.DeleteAsync($"{pos.Server.SandboxUrl}/admin/faults");
        }
    }

    [Fact]
    public async Task The_owner_gets_back_in_at_the_pos_machine_with_a_one_time_password_and_the_audit_log_says_so()
    {
        await using var server = await PosServer.StartAsync();
        var (exit, printed) = await PosServer.RunUntilExitAsync(server.DataFolder, TimeSpan.FromSeconds(90), "reset-password", "admin");
        Assert.Equal(0, exit);
        var password = OneTimePassword().Match(printed).Groups[1].Value;
        Assert.NotEmpty(password);

        using var http = new HttpClient { BaseAddress = new Uri(server.BaseUrl) };
        using var signIn = await http.PostAsJsonAsync("/api/session", new { userName = "admin", password });
        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
        Assert.True((await signIn.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("mustChangePassword").GetBoolean());

        using var manager = await server.SignInAsync(StaffRole.Manager);
        var audit = await manager.GetStringAsync("/audit/export");
        Assert.Contains("本机重置密码", audit);
        Assert.DoesNotContain(password, audit);

        var (unknownExit, unknownPrinted) = await PosServer.RunUntilExitAsync(server.DataFolder, TimeSpan.FromSeconds(90), "reset-password", "nobody");
        Assert.Equal(1, unknownExit);
        Assert.Contains("账号“nobody”不存在", unknownPrinted);
    }

    [Fact]
    public async Task Behind_https_the_sign_in_and_antiforgery_cookies_are_secure_and_plain_http_is_sent_to_https()
    {
        // A till reached over the shop's network: Kestrel with a certificate, as docs/security.md sets it up.
        var folder = PosServer.NewFolder();
        var pfx = Path.Combine(folder, "pos.pfx");
        using (var key = System.Security.Cryptography.RSA.Create(2048))
        {
            var request = new System.Security.Cryptography.X509Certificates.CertificateRequest("CN=127.0.0.1", key,
                System.Security.Cryptography.HashAlgorithmName.SHA256, System.Security.Cryptography.RSASignaturePadding.Pkcs1);
            using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
            await File.WriteAllBytesAsync(pfx, certificate.Export(System.Security.Cryptography.X509Certificates.X509ContentType.Pfx, "test"));
        }
        await using var server = await PosServer.StartInAsync(folder, new Dictionary<string, string>(),
            "--Kestrel:Endpoints:Http:Url", "http://127.0.0.1:0", "--Kestrel:Endpoints:Https:Url", "https://127.0.0.1:0",
            "--Kestrel:Endpoints:Https:Certificate:Path", pfx, "--Kestrel:Endpoints:Https:Certificate:Password", "test",
            "--Security:RequireHttps", "true");
        try
        {
            // The POS counts as started at its first address; the HTTPS one is printed on the next line, which a busy machine may deliver later.
            var https = "";
            for (var i = 0; i < 600 && https.Length == 0; i++)
            {
                https = HttpsAddress().Match(server.Log).Groups[1].Value;
                if (https.Length == 0) await Task.Delay(100);
            }
            Assert.True(https.Length > 0, "The POS never printed its HTTPS address:\n" + server.Log);
            using var http = new HttpClient(new HttpClientHandler
            {
                AllowAutoRedirect = false, UseCookies = false,
                ServerCertificateCustomValidationCallback = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator,
            });

            using var plain = await http.GetAsync(server.BaseUrl + "/signin");
            Assert.Equal(HttpStatusCode.TemporaryRedirect, plain.StatusCode);
            Assert.StartsWith("https://", plain.Headers.Location!.OriginalString, StringComparison.Ordinal);

            using var page = await http.GetAsync(https + "/signin");
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            var antiforgery = page.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(".AspNetCore.Antiforgery", StringComparison.Ordinal));
            Assert.Contains("; secure", antiforgery, StringComparison.OrdinalIgnoreCase);

            var (user, _, _, password) = PosServer.DemoStaff(StaffRole.Cashier);
            using var signIn = await http.PostAsJsonAsync(https + "/api/session", new { userName = user, password });
            Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
            Assert.All(signIn.Headers.GetValues("Set-Cookie"), c => Assert.Contains("; secure", c, StringComparison.OrdinalIgnoreCase));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [GeneratedRegex(@"收银系统已启动: (https://\S+)")]
    private static partial Regex HttpsAddress();

    [GeneratedRegex("一次性密码：(\\S+?)（")]
    private static partial Regex OneTimePassword();

    [Theory]
    [InlineData("--MobilePayment:ConfirmWindowSeconds", "0", "MobilePayment:ConfirmWindowSeconds")]
    [InlineData("--Terminal:TerminalNo", "100", "Terminal:TerminalNo")]
    [InlineData("--Database:BusyTimeoutSeconds", "0", "Database:BusyTimeoutSeconds")]
    public async Task A_setting_out_of_range_stops_the_pos_at_start_with_a_chinese_message_naming_it(string argument, string value, string named)
    {
        var folder = PosServer.NewFolder();
        var (exit, printed) = await PosServer.RunUntilExitAsync(folder, TimeSpan.FromSeconds(90), argument, value);
        Assert.Equal(5, exit);
        Assert.Contains("收银系统的设置有误，无法启动", printed);
        Assert.Contains(named, printed);
        Assert.DoesNotContain("   at ", printed); // no stack trace at the counter
        Assert.DoesNotContain("收银系统已启动", printed);
    }

    [Fact]
    public async Task The_manager_names_the_store_on_the_settings_page_and_every_receipt_is_headed_with_it()
    {
        var page = await pos.OpenTillAsync("/settings", "[data-testid=settings-store]", StaffRole.Manager);
        await page.GetByLabel("药店名称").FillAsync("仁心大药房（西湖店）");
        await page.GetByLabel("地址").FillAsync("杭州市西湖区文三路 1 号");
        await page.GetByLabel("电话").FillAsync("=cmd|' /C calc'!A0");
        await page.GetByRole(AriaRole.Button, new() { Name = "保存药店信息" }).ClickAsync();
        await Expect(page.GetByTestId("store-message")).ToContainTextAsync("电话只能包含数字");

        await page.GetByLabel("电话").FillAsync("0571-8888 6666");
        await page.GetByRole(AriaRole.Button, new() { Name = "保存药店信息" }).ClickAsync();
        await Expect(page.GetByTestId("store-message")).ToContainTextAsync("已保存");

        var code = await pos.CodeAsync("auto");
        var sale = await pos.Http.PostAsJsonAsync("/api/sales/mobile", new { items = new[] { new { entry = "YP00001", quantity = 1 } }, code });
        var tradeNo = (await sale.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("tradeNo").GetString();
        var receipt = await pos.Http.GetStringAsync($"/receipt/{tradeNo}");
        Assert.Contains("仁心大药房（西湖店）", receipt);
        Assert.Contains("地址：杭州市西湖区文三路 1 号", receipt);
        Assert.Contains("电话：0571-8888 6666", receipt);
        Assert.Contains("医保定点编号：", receipt);
        Assert.DoesNotContain("演示大药房", receipt);
        await page.Context.CloseAsync();
    }
}
