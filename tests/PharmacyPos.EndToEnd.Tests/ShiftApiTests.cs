using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using PharmacyPos.Domain.Staff;

namespace PharmacyPos.EndToEnd.Tests;

/// <summary>交班 and 日结 through the JSON API: every bad request is a typed Chinese problem, and nothing is recorded by it.</summary>
[Collection(PosCollection.Name)]
public class ShiftApiTests(PosFixture pos)
{
    private static async Task<(HttpStatusCode Status, string? Code, string? Title)> SendAsync(HttpClient http, string path, object? body = null, string? raw = null)
    {
        using var response = raw is null
            ? await http.PostAsJsonAsync(path, body ?? new { })
            : await http.PostAsync(path, new StringContent(raw, Encoding.UTF8, "application/json"));
        var json = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (response.StatusCode, json.TryGetProperty("code", out var c) ? c.GetString() : null, json.TryGetProperty("title", out var t) ? t.GetString() : null);
    }

    [Fact]
    public async Task Bad_counts_double_handovers_someone_elses_shift_and_an_unready_day_are_refused_in_chinese()
    {
        using var cashier = await pos.Server.SignInAsync(StaffRole.Cashier);
        var shift = await cashier.GetFromJsonAsync<JsonElement>("/api/shift");
        var id = shift.GetProperty("id").GetInt64();

        Assert.Equal((HttpStatusCode.BadRequest, "CASH_COUNT_NEGATIVE"), Trim(await SendAsync(cashier, $"/api/shifts/{id}/handover", new { countedYuan = -1 })));
        Assert.Equal((HttpStatusCode.BadRequest, "CASH_COUNT_ABSURD"), Trim(await SendAsync(cashier, $"/api/shifts/{id}/handover", new { pieces = new[] { 1, 0, 0, 0, 0, 0, 0, 100_001 } })));
        Assert.Equal((HttpStatusCode.BadRequest, "AMOUNT_INVALID"), Trim(await SendAsync(cashier, $"/api/shifts/{id}/handover", new { countedYuan = 1.005 })));
        Assert.Equal((HttpStatusCode.BadRequest, "CASH_COUNT_MISSING"), Trim(await SendAsync(cashier, $"/api/shifts/{id}/handover", new { countedYuan = 5, pieces = new[] { 1 } })));
        var garbage = await SendAsync(cashier, $"/api/shifts/{id}/handover", raw: "{\"countedYuan\": \"一百\"}");
        Assert.Equal(HttpStatusCode.BadRequest, garbage.Status);
        Assert.Equal((HttpStatusCode.BadRequest, "CASH_MOVEMENT_KIND_INVALID"), Trim(await SendAsync(cashier, "/api/shift/cash", new { kind = "steal", yuan = 5, reason = "x" })));
        Assert.Equal((HttpStatusCode.UnprocessableEntity, "CASH_MOVEMENT_REASON_INVALID"), Trim(await SendAsync(cashier, "/api/shift/cash", new { kind = "toSafe", yuan = 5, reason = "\u0001\u0002" })));
        Assert.Equal((HttpStatusCode.Forbidden, "MANAGER_APPROVAL_REQUIRED"), Trim(await SendAsync(cashier, "/api/shift/cash", new { kind = "toSafe", yuan = 5000, reason = "存入保险柜" })));
        Assert.Equal((HttpStatusCode.Forbidden, "CASH_APPROVER_INVALID"), Trim(await SendAsync(cashier, "/api/shift/cash",
            new { kind = "toSafe", yuan = 5000, reason = "存入保险柜", approver = new { userName = "manager", password = "guess" } })));

        // The manager's own shift took money (a top-up): 日结 waits for it, and for the cashier's.
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(pos.Http, "/api/shift/cash", new { kind = "topUp", yuan = 1, reason = "零钱" })).Status);
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)).ToString("yyyy-MM-dd");
        var unready = await SendAsync(pos.Http, $"/api/day-close/{today}", new { carryInDoubt = true });
        Assert.Equal((HttpStatusCode.Conflict, "DAY_SHIFTS_OPEN"), (unready.Status, unready.Code));
        Assert.Contains("演示店长", unready.Title);
        Assert.Equal(HttpStatusCode.Forbidden, (await SendAsync(cashier, $"/api/day-close/{today}")).Status);
        Assert.Equal((HttpStatusCode.BadRequest, "DATE_INVALID"), Trim(await SendAsync(pos.Http, "/api/day-close/2026-13-40")));

        // The cashier hands over once; a second count and another cashier's shift are refused.
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(cashier, $"/api/shifts/{id}/handover", new { countedYuan = shift.GetProperty("expectedCash").GetDecimal() })).Status);
        Assert.Equal((HttpStatusCode.Conflict, "SHIFT_ALREADY_HANDED_OVER"), Trim(await SendAsync(cashier, $"/api/shifts/{id}/handover", new { countedYuan = 0 })));
        var managersShift = (await pos.Http.GetFromJsonAsync<JsonElement>("/api/shift")).GetProperty("id").GetInt64();
        Assert.Equal((HttpStatusCode.Forbidden, "SHIFT_NOT_YOURS"), Trim(await SendAsync(cashier, $"/api/shifts/{managersShift}/handover", new { countedYuan = 0 })));
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(cashier, "/api/shifts/999999999/handover", new { countedYuan = 0 })).Status);
    }

    private static (HttpStatusCode, string?) Trim((HttpStatusCode Status, string? Code, string? Title) r) => (r.Status, r.Code);
}
