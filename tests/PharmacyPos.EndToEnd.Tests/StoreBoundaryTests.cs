using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using PharmacyPos.Domain.Staff;

namespace PharmacyPos.EndToEnd.Tests;

/// <summary>
/// Two stores of a chain, each with its own POS process, on one database (the chain's PostgreSQL
/// when the run has one, else one SQLite file): a till of store 1 finds no order of store 2 by any
/// door that takes a 交易号, and is answered exactly as for a 交易号 nobody issued.
/// </summary>
public sealed class StoreBoundaryTests
{
    [Fact]
    public async Task Every_lookup_by_trade_no_is_scoped_to_the_signed_in_terminals_store()
    {
        await using var database = await TestDatabase.CreateAsync(Environment.GetEnvironmentVariable("PHARMACYPOS_TEST_POSTGRES"));
        await using var storeOne = await PosServer.StartAsync([.. database.PosArguments, "--Terminal:StoreId", "1", "--Terminal:StoreNo", "1"]);
        await using var storeTwo = await PosServer.StartAsync([.. database.PosArguments, "--Terminal:StoreId", "2", "--Terminal:StoreNo", "2"]);
        using var one = await storeOne.SignInAsync(StaffRole.Manager);
        using var two = await storeTwo.SignInAsync(StaffRole.Manager);

        var code = (await two.GetFromJsonAsync<JsonElement>($"{storeTwo.SandboxUrl}/admin/codes/auto/WeChat")).GetProperty("code").GetString();
        var sale = await two.PostAsJsonAsync("/api/sales/mobile", new { items = new[] { new { entry = "YP00202", quantity = 1 } }, code });
        Assert.Equal(HttpStatusCode.Created, sale.StatusCode);
        var theirs = (await sale.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("tradeNo").GetString()!;
        // Store 2's own till sees it.
        Assert.Equal(HttpStatusCode.OK, (await two.GetAsync($"/api/orders/{theirs}")).StatusCode);
        // A 交易号 of the same shape that no till ever issued.
        var nobodys = "2099" + theirs[4..];

        foreach (var (method, path) in new[]
                 {
                     ("GET", "/api/orders/{0}"), ("GET", "/api/orders/{0}/journal"), ("POST", "/api/orders/{0}/refund"),
                     ("POST", "/api/orders/{0}/poll"), ("POST", "/api/orders/{0}/abandon"),
                 })
        {
            var foreign = await AskAsync(one, method, string.Format(path, theirs));
            var unknown = await AskAsync(one, method, string.Format(path, nobodys));
            Assert.Equal(HttpStatusCode.NotFound, foreign.Status);
            Assert.Equal(unknown.Status, foreign.Status);
            Assert.Equal(Comparable(unknown.Body, nobodys), Comparable(foreign.Body, theirs));
        }

        var receipt = await one.GetStringAsync($"/receipt/{theirs}");
        Assert.Contains("未找到交易号", receipt);
        Assert.DoesNotContain("合计", receipt);

        // Nothing was refunded through store 1, and store 2's order is still paid.
        var ledger = (await two.GetFromJsonAsync<JsonElement[]>($"{storeTwo.SandboxUrl}/admin/ledger"))!;
        Assert.DoesNotContain(ledger, e => e.GetProperty("outTradeNo").GetString() == theirs && e.GetProperty("movement").GetString() == "Refund");
        var still = await two.GetFromJsonAsync<JsonElement>($"/api/orders/{theirs}");
        Assert.Equal("已支付", still.GetProperty("status").GetString());
    }

    /// <summary>The body with the asked-for 交易号 and the per-request trace id taken out: what is left must be the same.</summary>
    private static string Comparable(string body, string tradeNo)
    {
        var json = System.Text.Json.Nodes.JsonNode.Parse(body.Replace(tradeNo, "#", StringComparison.Ordinal))!.AsObject();
        json.Remove("traceId");
        return json.ToJsonString();
    }

    private static async Task<(HttpStatusCode Status, string Body)> AskAsync(HttpClient http, string method, string path)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method == "POST") request.Content = JsonContent.Create(new { });
        using var response = await http.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }
}
