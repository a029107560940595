using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using PharmacyPos.Domain.Registration;
using PharmacyPos.Domain.Staff;
using static Microsoft.Playwright.Assertions;

namespace PharmacyPos.EndToEnd.Tests;

/// <summary>处方药 and 含麻黄碱 at the till, in the browser and through the JSON API: refused until the paperwork is right, then registered.</summary>
[Collection(PosCollection.Name)]
public class RegulatedDrugTests(PosFixture pos)
{
    private const string Nifedipine = "YP00061", Contac = "YP00256", Baijiahei = "YP00257";

    private static string Id(string first17) => first17 + ResidentId.CheckCharacter(first17);

    private static string Today => PharmacyPos.Domain.BeijingTime.Today(TimeProvider.System).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task A_prescription_sale_waits_for_a_pharmacists_sign_off_then_pays_and_is_in_the_register()
    {
        var page = await pos.OpenTillAsync();
        await pos.ScanDrugAsync(page, Nifedipine);
        await Expect(Till.Lines(page).First.GetByTestId("rx-mark")).ToHaveTextAsync("处方药");
        await Expect(page.GetByTestId("rx-status")).ToContainTextAsync("处方药须登记处方");

        // F9 before the paperwork: the form opens instead of the cash dialog.
        await page.Keyboard.PressAsync("F9");
        await Expect(page.GetByTestId("regulated-reason")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("cash-received")).ToHaveCountAsync(0);
        var number = "CF-" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        await page.GetByTestId("rx-hospital").FillAsync("杭州市第一人民医院");
        await page.GetByTestId("rx-number").FillAsync(number);
        await page.GetByTestId("rx-doctor").FillAsync("李医生");
        await page.GetByTestId("rx-patient").FillAsync("张三");
        await page.GetByTestId("rx-photo").SetInputFilesAsync(new FilePayload { Name = "rx.png", MimeType = "image/png", Buffer = Png });
        await Expect(page.GetByTestId("rx-photo-note")).ToContainTextAsync("rx.png");
        // A cashier's own account is not a pharmacist's.
        await page.GetByTestId("rx-pharmacist").FillAsync("cashier");
        await page.GetByTestId("rx-password").FillAsync("shouyin2026");
        await page.GetByTestId("regulated-save").ClickAsync();
        await Expect(page.GetByTestId("regulated-error")).ToHaveAttributeAsync("data-code", "REVIEWER_NOT_PHARMACIST");

        await page.GetByTestId("rx-pharmacist").FillAsync("pharmacist");
        await page.GetByTestId("rx-password").FillAsync("yaoshi2026");
        await page.GetByTestId("regulated-save").ClickAsync();
        // Recorded: the cash dialog the cashier asked for follows.
        await Expect(page.GetByTestId("cash-received")).ToBeVisibleAsync();
        await page.GetByTestId("cash-received").FillAsync("100");
        await page.GetByTestId("cash-received").PressAsync("Enter");
        await Expect(page.GetByTestId("status")).ToContainTextAsync("现金收款成功");
        var tradeNo = Till.TradeNoIn(await page.GetByTestId("status").TextContentAsync());
        await page.Context.CloseAsync();

        var register = await pos.OpenTillAsync("/regulated/prescriptions", "[data-testid=prescriptions]", StaffRole.Pharmacist);
        var row = register.Locator("[data-testid=prescriptions] tbody tr", new() { HasText = number });
        await Expect(row).ToContainTextAsync(tradeNo);
        await Expect(row).ToContainTextAsync("演示药师（pharmacist）");
        await Expect(row).ToContainTextAsync("硝苯地平缓释片 20mg*30片 ×1盒");
        var photo = await register.APIRequest.GetAsync($"{pos.Server.BaseUrl}/regulated/prescriptions/{tradeNo}/photo");
        Assert.Equal("image/png", photo.Headers["content-type"]);
        Assert.Equal(Png, await photo.BodyAsync());
        var csv = await register.APIRequest.GetAsync($"{pos.Server.BaseUrl}/regulated/prescriptions/export?from={Today}&to={Today}&format=csv");
        Assert.Contains(number, await csv.TextAsync());
        await register.Context.CloseAsync();

        // A cashier does not read the register: turned away to 无权.
        using var cashier = await pos.Server.SignInAsync(StaffRole.Cashier);
        using var refused = await cashier.GetAsync($"/regulated/prescriptions/export?from={Today}&to={Today}&format=csv");
        Assert.Equal("/denied", refused.RequestMessage!.RequestUri!.AbsolutePath);
    }

    [Fact]
    public async Task An_ephedrine_sale_refuses_a_third_box_takes_the_buyers_checked_id_and_only_the_managers_file_has_it_whole()
    {
        var page = await pos.OpenTillAsync();
        await pos.ScanDrugAsync(page, Contac);
        await pos.ScanDrugAsync(page, Contac);
        await Expect(Till.Lines(page).First.Locator("input.qty")).ToHaveValueAsync("2");
        await pos.ScanDrugAsync(page, Baijiahei);
        await Expect(page.GetByTestId("status")).ToHaveAttributeAsync("data-code", "EPHEDRINE_LIMIT");
        await Expect(Till.Lines(page)).ToHaveCountAsync(1);
        await Expect(page.GetByTestId("buyer-status")).ToContainTextAsync("含麻黄碱须登记购买人");

        await page.Keyboard.PressAsync("F4");
        await page.GetByTestId("buyer-name").FillAsync("王五");
        await page.GetByTestId("buyer-id").FillAsync("330106198001011230");
        await page.GetByTestId("regulated-save").ClickAsync();
        await Expect(page.GetByTestId("error-IdNumber")).ToContainTextAsync("身份证号码");
        var id = Id("33010619800101" + Random.Shared.Next(100, 999));
        // Keyboard first: the number typed and Enter pressed in its field records what was typed.
        await page.GetByTestId("buyer-id").FillAsync(id);
        await page.GetByTestId("buyer-id").PressAsync("Enter");
        await Expect(page.Locator("[data-modal]")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("buyer-status")).ToContainTextAsync($"王五 {id[..4]}**********{id[^4..]}");
        var tradeNo = await Till.PayCashAsync(page);
        await page.Context.CloseAsync();

        var register = await pos.OpenTillAsync("/regulated/ephedrine", "[data-testid=ephedrine-sales]", StaffRole.Manager);
        var row = register.Locator("[data-testid=ephedrine-sales] tbody tr", new() { HasText = tradeNo });
        await Expect(row).ToContainTextAsync("酚麻美敏片");
        await Expect(row).ToContainTextAsync($"{id[..4]}**********{id[^4..]}");
        await Expect(row).Not.ToContainTextAsync(id);
        await register.Context.CloseAsync();

        var url = $"/regulated/ephedrine/export?from={Today}&to={Today}&format=csv";
        Assert.Contains(id, await pos.Http.GetStringAsync(url));
        using var pharmacist = await pos.Server.SignInAsync(StaffRole.Pharmacist);
        var masked = await pharmacist.GetStringAsync(url);
        Assert.Contains(tradeNo, masked);
        Assert.DoesNotContain(id, masked);
        var audit = await pos.Http.GetStringAsync($"/audit/export?from={Today}&to={Today}&format=csv");
        Assert.Contains("含麻黄碱药品销售登记 CSV", audit);
        Assert.Contains("（含完整身份证号）", audit);
    }

    [Fact]
    public async Task When_the_insurance_registration_also_applies_the_ephedrine_buyer_fills_it_one_person_typed_once()
    {
        var page = await pos.OpenTillAsync();
        await pos.ScanDrugAsync(page, Baijiahei);
        await pos.ScanDrugAsync(page, Baijiahei);
        await pos.ScanDrugAsync(page, "YP00001");
        var qty = page.Locator("tr.line[data-code=YP00001] input.qty");
        await qty.FillAsync("13");
        await qty.PressAsync("Enter");
        await Expect(page.GetByTestId("total")).ToHaveTextAsync("¥219.30"); // 2 × 24.50 + 13 × 13.10: at the ¥200 registration amount

        // 社保卡 first opens the buyer's form, then the card dialog it was asked for.
        await page.Keyboard.PressAsync("F10");
        var id = Id("11010519800101" + Random.Shared.Next(100, 999));
        await page.GetByTestId("buyer-name").FillAsync("王五");
        await page.GetByTestId("buyer-id").FillAsync(id);
        await page.GetByTestId("regulated-save").ClickAsync();
        await Expect(page.GetByTestId("scan-code")).ToBeFocusedAsync();
        await Till.ScanAsync(page, "330100001234567");

        await Expect(page.GetByTestId("registration-form")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("reg-name")).ToHaveValueAsync("王五");
        await Expect(page.GetByTestId("reg-id")).ToHaveValueAsync(id);
        await page.GetByTestId("reg-phone").FillAsync("13912345678");
        await page.GetByTestId("reg-relation").SelectOptionAsync("其他");
        await page.GetByTestId("reg-submit").ClickAsync();
        await Expect(page.GetByTestId("status")).ToContainTextAsync("社保卡支付成功");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_till_refuses_each_bad_regulated_entry_on_screen_in_chinese_and_nothing_is_paid()
    {
        var page = await pos.OpenTillAsync();
        await pos.ScanDrugAsync(page, Contac);
        // Three boxes by raising the quantity after entry: refused, the line keeps its one box.
        var qty = Till.Lines(page).First.Locator("input.qty");
        await qty.FillAsync("3");
        await qty.PressAsync("Enter");
        await Expect(page.GetByTestId("status")).ToHaveAttributeAsync("data-code", "EPHEDRINE_LIMIT");
        await Expect(page.GetByTestId("status")).ToContainTextAsync("最多销售 2 个最小包装");
        await Expect(page.GetByTestId("total")).ToHaveTextAsync("¥16.80");
        await pos.ScanDrugAsync(page, Nifedipine);

        await page.Keyboard.PressAsync("F9");
        await Expect(page.GetByTestId("regulated-reason")).ToBeVisibleAsync();
        await page.GetByTestId("rx-hospital").FillAsync("杭州市第一人民医院");
        await page.GetByTestId("rx-number").FillAsync("\u200B\u200B");
        await page.GetByTestId("rx-doctor").FillAsync("李医生");
        await page.GetByTestId("rx-patient").FillAsync("   ");
        await page.GetByTestId("buyer-name").FillAsync("\u200B \u3000");
        var good = Id("33010619800101" + Random.Shared.Next(100, 999));
        await page.GetByTestId("buyer-id").FillAsync(good[..17] + (good[^1] == '0' ? '1' : '0'));
        await page.GetByTestId("rx-pharmacist").FillAsync("pharmacist");
        await page.GetByTestId("regulated-save").ClickAsync();
        // The buyer is checked first: a name of nothing visible and a wrong check character.
        await Expect(page.GetByTestId("error-Name")).ToContainTextAsync("姓名");
        await Expect(page.GetByTestId("error-IdNumber")).ToContainTextAsync("身份证号码");
        await page.GetByTestId("buyer-name").FillAsync("王五");
        await page.GetByTestId("buyer-id").FillAsync(good);
        await page.GetByTestId("regulated-save").ClickAsync();
        await Expect(page.GetByTestId("buyer-done")).ToContainTextAsync("王五");
        // Then the prescription: a number of invisible characters and a patient of spaces, each named.
        await Expect(page.GetByTestId("error-Number")).ToContainTextAsync("处方号");
        await Expect(page.GetByTestId("error-PatientName")).ToContainTextAsync("患者姓名");

        await page.GetByTestId("rx-number").FillAsync("CF-" + Guid.NewGuid().ToString("N")[..8]);
        await page.GetByTestId("rx-patient").FillAsync("张三");
        // A PDF named .png is told by its bytes; a 50 MB file is refused before it is read.
        await page.GetByTestId("rx-photo").SetInputFilesAsync(new FilePayload { Name = "rx.png", MimeType = "image/png", Buffer = "%PDF-1.7 not a picture"u8.ToArray() });
        await Expect(page.GetByTestId("regulated-error")).ToHaveAttributeAsync("data-code", "PHOTO_NOT_IMAGE");
        var fifty = Path.Combine(Path.GetTempPath(), $"rx-{Guid.NewGuid():N}.png");
        try
        {
            await using (var file = File.Create(fifty)) { await file.WriteAsync(Png); file.SetLength(50L * 1024 * 1024); }
            await page.GetByTestId("rx-photo").SetInputFilesAsync(fifty);
            await Expect(page.GetByTestId("regulated-error")).ToHaveAttributeAsync("data-code", "PHOTO_TOO_LARGE");
            await Expect(page.GetByTestId("regulated-error")).ToContainTextAsync("5 MB");
        }
        finally
        {
            File.Delete(fifty);
        }
        // A pharmacist's account with a wrong password signs nothing off.
        await page.GetByTestId("rx-password").FillAsync("wrong-password");
        await page.GetByTestId("regulated-save").ClickAsync();
        await Expect(page.GetByTestId("regulated-error")).ToHaveAttributeAsync("data-code", "PHARMACIST_INVALID");

        // Back at the till the buyer is recorded and the prescription is not: F9 opens the form again.
        await page.GetByTestId("regulated-cancel").ClickAsync();
        await Expect(page.Locator("[data-modal]")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("rx-status")).ToContainTextAsync("处方药须登记处方");
        await Expect(page.GetByTestId("buyer-status")).ToContainTextAsync("含麻黄碱购买人：王五");
        await page.Keyboard.PressAsync("F9");
        await Expect(page.GetByTestId("regulated-reason")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("cash-received")).ToHaveCountAsync(0);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_json_api_refuses_each_bad_regulated_input_in_chinese_and_charges_nothing()
    {
        var ledger = (await pos.Http.GetFromJsonAsync<JsonElement[]>($"{pos.Server.SandboxUrl}/admin/ledger"))!.Length;
        async Task<(HttpStatusCode Status, string Code, string Title)> Cash(object body)
        {
            using var response = await pos.Http.PostAsJsonAsync("/api/sales/cash", body);
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
            return (response.StatusCode, problem.TryGetProperty("code", out var c) ? c.GetString()! : "", problem.TryGetProperty("title", out var t) ? t.GetString()! : "");
        }
        object Rx(string number = "CF1", string user = "pharmacist", string password = "yaoshi2026", string? photo = null) =>
            new { hospital = "杭州市第一人民医院", number, doctor = "李医生", patientName = "张三", pharmacist = new { userName = user, password }, photo };
        var rxItems = new[] { new { entry = Nifedipine, quantity = 1 } };

        Assert.Equal((HttpStatusCode.UnprocessableEntity, "PRESCRIPTION_REQUIRED"), Head(await Cash(new { items = rxItems, received = "100" })));
        Assert.Equal((HttpStatusCode.UnprocessableEntity, "PRESCRIPTION_INVALID"), Head(await Cash(new { items = rxItems, received = "100", prescription = Rx(number: "\u0001\u0002") })));
        Assert.Equal((HttpStatusCode.Forbidden, "REVIEWER_NOT_PHARMACIST"), Head(await Cash(new { items = rxItems, received = "100", prescription = Rx(user: "cashier", password: "shouyin2026") })));
        Assert.Equal((HttpStatusCode.Forbidden, "PHARMACIST_INVALID"), Head(await Cash(new { items = rxItems, received = "100", prescription = Rx(password: "nope") })));
        var notImage = await Cash(new { items = rxItems, received = "100", prescription = Rx(photo: Convert.ToBase64String("%PDF-1.7"u8.ToArray())) });
        Assert.Equal((HttpStatusCode.UnprocessableEntity, "PHOTO_NOT_IMAGE"), Head(notImage));
        Assert.Contains("JPG、PNG 或 WebP", notImage.Title);
        var six = new byte[6 * 1024 * 1024];
        Png.CopyTo(six, 0);
        Assert.Equal((HttpStatusCode.UnprocessableEntity, "PHOTO_TOO_LARGE"), Head(await Cash(new { items = rxItems, received = "100", prescription = Rx(photo: Convert.ToBase64String(six)) })));
        // As curl and most clients send a large body: Expect: 100-continue, so the POS's refusal arrives before the 67 MB are sent.
        using var large = new HttpRequestMessage(HttpMethod.Post, "/api/sales/cash")
        {
            Content = new StringContent(JsonSerializer.Serialize(new { items = rxItems, received = "100", prescription = Rx(photo: Convert.ToBase64String(new byte[50 * 1024 * 1024])) }),
                System.Text.Encoding.UTF8, "application/json"),
        };
        large.Headers.ExpectContinue = true;
        using var tooLarge = await pos.Http.SendAsync(large);
        var tooLargeProblem = await tooLarge.Content.ReadFromJsonAsync<JsonElement>();
        (HttpStatusCode Status, string Code, string Title) fifty = (tooLarge.StatusCode, tooLargeProblem.GetProperty("code").GetString()!, tooLargeProblem.GetProperty("title").GetString()!);
        Assert.Equal((HttpStatusCode.RequestEntityTooLarge, "REQUEST_TOO_LARGE"), Head(fifty));
        Assert.Contains("5 MB", fifty.Title);

        var ephedrine = new[] { new { entry = Contac, quantity = 2 }, new { entry = Baijiahei, quantity = 1 } };
        Assert.Equal((HttpStatusCode.Conflict, "EPHEDRINE_LIMIT"), Head(await Cash(new { items = ephedrine, received = "100", buyer = new { name = "王五", idNumber = Id("33010619800101555") } })));
        var two = new[] { new { entry = Contac, quantity = 2 } };
        Assert.Equal((HttpStatusCode.UnprocessableEntity, "EPHEDRINE_BUYER_REQUIRED"), Head(await Cash(new { items = two, received = "100" })));
        Assert.Equal((HttpStatusCode.UnprocessableEntity, "EPHEDRINE_BUYER_INVALID"), Head(await Cash(new { items = two, received = "100", buyer = new { name = "王五", idNumber = "330106198001015550" } })));
        Assert.Equal((HttpStatusCode.UnprocessableEntity, "EPHEDRINE_BUYER_INVALID"), Head(await Cash(new { items = two, received = "100", buyer = new { name = "\u200B \u200B", idNumber = Id("33010619800101555") } })));
        // Mobile too: nothing reaches a channel.
        using (var mobile = await pos.Http.PostAsJsonAsync("/api/sales/mobile", new { items = rxItems, code = await pos.CodeAsync("auto", "Alipay") }))
            Assert.Equal("PRESCRIPTION_REQUIRED", (await mobile.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        Assert.Equal(ledger, (await pos.Http.GetFromJsonAsync<JsonElement[]>($"{pos.Server.SandboxUrl}/admin/ledger"))!.Length);

        using var paid = await pos.Http.PostAsJsonAsync("/api/sales/cash", new { items = rxItems, received = "100", prescription = Rx(number: "CF-API-1") });
        Assert.Equal(HttpStatusCode.Created, paid.StatusCode);
    }

    [Fact]
    public async Task A_capsule_sale_by_the_split_key_prints_its_label_and_is_in_the_split_record()
    {
        var page = await pos.OpenTillAsync();
        await pos.ScanDrugAsync(page, "YP00019");
        var line = Till.Lines(page).First;
        await Expect(line.GetByTestId("split-toggle")).ToBeVisibleAsync();
        await page.Keyboard.PressAsync("/");
        await Expect(line.GetByTestId("split-mark")).ToHaveTextAsync("拆零");
        await Expect(line.GetByTestId("line-unit")).ToContainTextAsync("粒");
        var qty = line.Locator("input.qty");
        await qty.FillAsync("6");
        await qty.PressAsync("Enter");
        await Expect(page.GetByTestId("total")).ToHaveTextAsync("¥5.40");
        var tradeNo = await Till.PayCashAsync(page);
        await page.Context.CloseAsync();

        var receipt = await pos.Http.GetStringAsync($"/receipt/{tradeNo}");
        var label = receipt[receipt.IndexOf("data-testid=\"split-label\"", StringComparison.Ordinal)..];
        Assert.Contains("品名：布洛芬缓释胶囊", label);
        Assert.Contains("数量：6粒", label);
        Assert.Contains("批号：", label);
        Assert.Contains("有效期至：", label);

        var register = await pos.OpenTillAsync("/regulated/split", "[data-testid=split-sales]", StaffRole.Pharmacist);
        var row = register.Locator("[data-testid=split-sales] tbody tr", new() { HasText = tradeNo });
        await Expect(row).ToContainTextAsync("布洛芬缓释胶囊");
        await Expect(row).ToContainTextAsync("6 粒");
        await Expect(row).ToContainTextAsync("演示收银员");
        await register.Context.CloseAsync();
    }

    [Fact]
    public async Task A_province_stricter_than_the_nation_sets_one_package_on_the_settings_page_and_the_till_follows()
    {
        var settings = await pos.OpenTillAsync("/settings", "[data-testid=settings-ephedrine]", StaffRole.Manager);
        try
        {
            await settings.GetByTestId("ephedrine-limit").FillAsync("3");
            await settings.GetByTestId("ephedrine-save").ClickAsync();
            await Expect(settings.GetByTestId("ephedrine-message")).ToContainTextAsync("国家规定最多 2 个");
            await settings.GetByTestId("ephedrine-limit").FillAsync("1");
            await settings.GetByTestId("ephedrine-save").ClickAsync();
            await Expect(settings.GetByTestId("ephedrine-message")).ToContainTextAsync("已保存：每次限购 1 个最小包装");

            using var refused = await pos.Http.PostAsJsonAsync("/api/sales/cash", new
            {
                items = new[] { new { entry = Contac, quantity = 2 } }, received = "100", buyer = new { name = "王五", idNumber = Id("33010619800101777") },
            });
            Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
            Assert.Contains("最多销售 1 个最小包装", (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString());
        }
        finally
        {
            await settings.GetByTestId("ephedrine-limit").FillAsync("2");
            await settings.GetByTestId("ephedrine-save").ClickAsync();
            await Expect(settings.GetByTestId("ephedrine-message")).ToContainTextAsync("每次限购 2 个");
            await settings.Context.CloseAsync();
        }
    }

    private static (HttpStatusCode, string) Head((HttpStatusCode Status, string Code, string Title) r) => (r.Status, r.Code);

    private static readonly byte[] Png = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");
}
