using Xunit.Abstractions;

namespace PharmacyPos.CrashProof.Tests;

/// <summary>The chain's primary dies under load; its synchronous replica is promoted; the POS carries on and the books still balance.</summary>
public class FailoverTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Killing_the_primary_mid_load_loses_no_payment_and_the_pos_carries_on_on_the_promoted_replica()
    {
        var log = new StringWriter();
        var report = await new FailoverHarness(new FailoverOptions(), log).RunAsync();
        log.WriteLine($"payments started {report.PaymentsStarted}, paid before {report.PaidBefore}, after {report.PaidAfter}, refunds {report.Refunds}; " +
                      $"no payments for {report.Outage.TotalSeconds:0.0} s; {report.Elapsed.TotalSeconds:0} s in all");
        foreach (var f in report.Books.Findings) log.WriteLine("  " + f);
        output.WriteLine(log.ToString());

        Assert.True(report.PaidBefore > 0, "payments went through before the kill");
        Assert.True(report.PaidAfter > 0, "the POS took payments on the promoted replica by itself");
        BalancedBooks.Assert(report.Books);
    }
}

/// <summary>
/// Synchronous replication with the replica gone: the primary waits on every commit. The chain's
/// Command Timeout bounds the wait; PostgreSQL then keeps the commit (locally, with a warning), so
/// the POS answers — slowly — and the payment completes on the primary alone, charged once.
/// </summary>
public class ReplicaDownTests
{
    [Fact]
    public async Task With_the_synchronous_replica_down_a_payment_waits_out_the_command_timeout_completes_once_and_selling_goes_on_when_it_returns()
    {
        await using var pg = await PostgresPair.StartAsync(synchronous: true);
        await using var sandbox = await ExternalSandbox.StartAsync();
        var state = sandbox.State;
        state.Upsert(new PharmacyPos.Sandbox.Model.Customer { Id = "buyer", Name = "顾客", AlipayBalance = PharmacyPos.Domain.Money.FromYuan(1000m), AutoConfirm = true });
        var folder = PharmacyPos.TestSupport.PosServer.NewFolder();
        var settings = sandbox.Settings(Path.Combine(folder, "certificates"));
        settings["Database:PostgreSql"] = pg.ConnectionStringWith(commandTimeoutSeconds: 3);
        settings["Database:PersonalDataKey"] = PharmacyPos.Data.PersonalData.PersonalDataKeys.NewKey();
        await using var pos = await PharmacyPos.TestSupport.PosServer.StartInAsync(folder, ExternalSandbox.Environment(settings),
            "--Sandbox:Enabled", "false", "--Reconciliation:Enabled", "false", "--Backup:Enabled", "false", "--Store:RefuseOutOfStock", "false");
        // A bound on the answer, not a speed: a POS that hung on the commit would not answer within it.
        using var http = await pos.SignInAsync(timeout: TimeSpan.FromSeconds(60));
        async Task<HttpResponseMessage> PayAsync() => await System.Net.Http.Json.HttpClientJsonExtensions.PostAsJsonAsync(http, "/api/sales/mobile",
            new { items = new[] { new { entry = "YP00202", quantity = 1 } }, code = state.CurrentCode("buyer", PharmacyPos.Domain.Payments.Wallet.Alipay) });
        Assert.Equal(System.Net.HttpStatusCode.Created, (await PayAsync()).StatusCode);

        await pg.StopReplicaAsync();
        var charges = state.Ledger().Count;
        var slow = await PayAsync(); // answered, not hung: each commit waited at most the 3 s command timeout
        Assert.Equal(System.Net.HttpStatusCode.Created, slow.StatusCode);
        var attempt = await System.Net.Http.Json.HttpContentJsonExtensions.ReadFromJsonAsync<System.Text.Json.JsonElement>(slow.Content);
        Assert.Equal("Paid", attempt.GetProperty("status").GetString());
        Assert.Equal(charges + 1, state.Ledger().Count);

        await pg.StartReplicaAsync();
        HttpResponseMessage? again = null;
        for (var i = 0; i < 30 && again?.StatusCode != System.Net.HttpStatusCode.Created; i++)
        {
            again = await PayAsync();
            if (again.StatusCode != System.Net.HttpStatusCode.Created) await Task.Delay(1000);
        }
        Assert.Equal(System.Net.HttpStatusCode.Created, again!.StatusCode);
    }
}
