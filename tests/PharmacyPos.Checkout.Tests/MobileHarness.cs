using PharmacyPos.Domain.Staff;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using PharmacyPos.Channels;
using PharmacyPos.Channels.Alipay;
using PharmacyPos.Channels.Insurance;
using PharmacyPos.Channels.WeChatPay;
using PharmacyPos.Checkout.Mobile;
using PharmacyPos.Data;
using PharmacyPos.Data.Catalogue;
using PharmacyPos.Domain;
using PharmacyPos.Domain.Payments;
using PharmacyPos.Domain.Sales;
using PharmacyPos.Sandbox;
using PharmacyPos.Sandbox.Model;
using PharmacyPos.TestSupport;

namespace PharmacyPos.Checkout.Tests;

/// <summary>
/// The mobile checkout with everything real — SQLite, the sandbox over HTTP, the three clients —
/// except the till's clock, which the test moves by hand so the 60 s pass in no time.
/// </summary>
public sealed class MobileHarness : IAsyncLifetime
{
    private WebApplication _sandbox = default!;
    private ServiceProvider _services = default!;

    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);
    public SandboxOptions SandboxOptions { get; } = SandboxOptions.Generate();
    private Dictionary<string, string?> _secure = [];
    public TestDatabase Database { get; private set; } = default!;
    public SandboxState Sandbox => _sandbox.Services.GetRequiredService<SandboxState>();
    public FaultBook Faults => _sandbox.Services.GetRequiredService<FaultBook>();
    public MobilePaymentOptions Options { get; } = new() { RegistrationThresholdYuan = 200m };

    public async Task InitializeAsync()
    {
        Database = await TestDatabase.CreateWithDemoCatalogueAsync();
        _sandbox = SandboxApp.Build(SandboxOptions);
        await _sandbox.StartAsync();
        var url = SandboxApp.Address(_sandbox);
        _secure = ClientConfiguration.For(SandboxOptions, url, SandboxApp.SecureAddress(_sandbox),
            Path.Combine(Path.GetTempPath(), "pharmacypos-tests", Guid.NewGuid().ToString("N")));

        _services = BuildServices(url);

        Sandbox.Upsert(new Customer { Id = "rich-bound", Name = "甲", AlipayBalance = Money.FromYuan(10000), WeChatBalance = Money.FromYuan(10000), AutoConfirm = true, Card = Card("P1", 10000) });
        Sandbox.Upsert(new Customer { Id = "poor-bound", Name = "乙", AlipayBalance = Money.FromYuan(10000), WeChatBalance = Money.FromYuan(10000), AutoConfirm = true, Card = Card("P2", 5) });
        Sandbox.Upsert(new Customer { Id = "unbound", Name = "丙", AlipayBalance = Money.FromYuan(10000), WeChatBalance = Money.FromYuan(10000), AutoConfirm = true });
        Sandbox.Upsert(new Customer { Id = "slow", Name = "丁", AlipayBalance = Money.FromYuan(10000), WeChatBalance = Money.FromYuan(10000), Card = Card("P4", 10000) });
    }

    /// <summary>The services one POS instance has; a second call is a second instance on the same database.</summary>
    private ServiceProvider BuildServices(string url)
    {
        var s = new ServiceCollection();
        s.AddSingleton<TimeProvider>(Clock);
        s.AddLogging();
        s.Configure<AlipayOptions>(o => { o.GatewayUrl = url + "/gateway.do"; o.AppId = SandboxOptions.AlipayAppId; o.AppPrivateKey = SandboxOptions.AppPrivateKey; o.AlipayPublicKey = SandboxOptions.AlipayPublicKey; o.Timeout = TimeSpan.FromSeconds(60); });
        s.Configure<WeChatPayOptions>(o =>
        {
            o.BaseUrl = url; o.AppId = SandboxOptions.WeChatAppId; o.MchId = SandboxOptions.WeChatMchId; o.ApiKey = SandboxOptions.WeChatApiKey; o.Timeout = TimeSpan.FromSeconds(60);
            // /secapi/ over HTTPS with the merchant's certificate, as the embedded sandbox sets it up.
            o.SecureBaseUrl = _secure[$"{WeChatPayOptions.Section}:SecureBaseUrl"]!;
            o.ClientCertificatePath = _secure[$"{WeChatPayOptions.Section}:ClientCertificatePath"];
            o.GatewayCertificatePath = _secure[$"{WeChatPayOptions.Section}:GatewayCertificatePath"];
        });
        s.Configure<InsuranceOptions>(o => { o.BaseUrl = url; o.FixmedinsCode = SandboxOptions.FixmedinsCode; o.PaasId = SandboxOptions.InsurancePaasId; o.PaasToken = SandboxOptions.InsurancePaasToken; o.Timeout = TimeSpan.FromSeconds(60); });
        s.AddPaymentChannels(new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build());
        // The same wiring as the host, for the recovery job that makes its own scopes.
        s.AddDbContext<PosDbContext>(o => o.UsePosDatabase(Database.Options));
        s.Configure<TerminalOptions>(_ => { });
        s.AddSingleton(Microsoft.Extensions.Options.Options.Create(Options));
        s.AddSingleton<PaymentChannels>();
        s.AddScoped<TradeNos>();
        s.AddScoped<MobileCheckout>();
        s.AddScoped<PharmacyPos.Checkout.Settings.StoreSettingsService>();
        s.AddScoped<PharmacyPos.Checkout.Stock.TillStock>();
        s.AddScoped<PaymentGate>();
        s.AddScoped<PharmacyPos.Checkout.Regulated.RegulatedChecks>();
        s.AddSingleton(Microsoft.Extensions.Options.Options.Create(RefundOptions));
        s.AddSingleton<Microsoft.AspNetCore.Identity.IPasswordHasher<StaffAccount>, Microsoft.AspNetCore.Identity.PasswordHasher<StaffAccount>>();
        s.AddSingleton<SignInThrottle>();
        s.AddScoped<PharmacyPos.Checkout.Staff.StaffAccounts>();
        s.AddScoped<PharmacyPos.Checkout.Refunds.RefundCheckout>();
        s.AddSingleton(PharmacyPos.Data.Claims.WorkClaims.For(Database.Options));
        s.AddSingleton<PharmacyPos.Checkout.Recovery.PaymentRecovery>();
        s.AddSingleton<PharmacyPos.Data.Shifts.OpenShifts>();
        return s.BuildServiceProvider();

    }

    private readonly List<ServiceProvider> _instances = [];

    /// <summary>Recovery as another POS instance runs it: its own services, the same database and sandbox.</summary>
    public PharmacyPos.Checkout.Recovery.PaymentRecovery NewRecoveryInstance()
    {
        var instance = BuildServices(SandboxApp.Address(_sandbox));
        _instances.Add(instance);
        return instance.GetRequiredService<PharmacyPos.Checkout.Recovery.PaymentRecovery>();
    }

    public static BoundCard Card(string psnNo, decimal balance) =>
        new() { PsnNo = "33010020000" + psnNo, Name = "参保人" + psnNo, CertNo = "11010519491231002X", SocialSecurityNo = "SSN-" + psnNo, Balance = Money.FromYuan(balance) };

    public PharmacyPos.Checkout.Recovery.PaymentRecovery Recovery => _services.GetRequiredService<PharmacyPos.Checkout.Recovery.PaymentRecovery>();

    public string Code(string customer, Wallet wallet) => Sandbox.CurrentCode(customer, wallet)!;

    /// <summary>A fresh use case over a fresh DbContext, as each till request gets.</summary>
    public (MobileCheckout, PosDbContext) Checkout() => Checkout(Database.NewContext());

    public (MobileCheckout, PosDbContext) Checkout(PosDbContext db, int terminalNo = 1)
    {
        var terminal = Microsoft.Extensions.Options.Options.Create(new TerminalOptions { TerminalNo = terminalNo });
        var checkout = new MobileCheckout(db, new TradeNos(db, terminal, Clock), new PaymentChannels(_services.GetServices<IPaymentChannel>()),
            _services.GetRequiredService<IInsurancePlatform>(), terminal, Microsoft.Extensions.Options.Options.Create(Options), Settings(db), Gate(db, terminal), Clock,
            NullLogger<MobileCheckout>.Instance);
        return (checkout, db);
    }

    /// <summary>A cashier's refund of this much or more needs a manager (the product's default).</summary>
    public PharmacyPos.Checkout.Settings.RefundOptions RefundOptions { get; } = new();

    public PharmacyPos.Checkout.Settings.StoreSettingsService Settings(PosDbContext db) =>
        new(db, Microsoft.Extensions.Options.Options.Create(new TerminalOptions()), Microsoft.Extensions.Options.Options.Create(Options),
            Microsoft.Extensions.Options.Options.Create(RefundOptions), Microsoft.Extensions.Options.Options.Create(new PharmacyPos.Checkout.Settings.StoreOptions()), Clock);

    /// <summary>A delivery of one lot to store 1, produced 100 days ago, expiring in <paramref name="expiresInDays"/> Beijing days.</summary>
    public async Task<PharmacyPos.Domain.Stock.StockBatch> ReceiveAsync(string code, string lot, int quantity, int expiresInDays = 400)
    {
        await using var db = Database.NewContext();
        var now = Clock.GetUtcNow();
        var today = BeijingTime.DayOf(now);
        var batch = PharmacyPos.Domain.Stock.StockBatch.Receive(1, code, lot, today.AddDays(-100), today.AddDays(expiresInDays), null, null, now).Value;
        db.StockMovements.Add(PharmacyPos.Domain.Stock.StockMovement.Receive(batch, quantity, now, "manager"));
        await db.SaveChangesAsync();
        return batch;
    }

    /// <summary>现金结算 as the host builds it, at terminal 1 of store 1 unless told otherwise.</summary>
    public CashCheckout Cash(PosDbContext db, Microsoft.Extensions.Options.IOptions<TerminalOptions>? terminal = null)
    {
        var t = terminal ?? Microsoft.Extensions.Options.Options.Create(new TerminalOptions());
        return new CashCheckout(new TradeNos(db, t, Clock), Gate(db, t), t, NullLogger<CashCheckout>.Instance);
    }

    public PaymentGate Gate(PosDbContext db, Microsoft.Extensions.Options.IOptions<TerminalOptions>? terminal = null)
    {
        var t = terminal ?? Microsoft.Extensions.Options.Options.Create(new TerminalOptions());
        return new PaymentGate(new TradeNos(db, t, Clock), Regulated(db), Stock(db));
    }

    public PharmacyPos.Checkout.Regulated.RegulatedChecks Regulated(PosDbContext db) =>
        new(db, Settings(db), Staff(db), Microsoft.Extensions.Options.Options.Create(new TerminalOptions()), Clock,
            NullLogger<PharmacyPos.Checkout.Regulated.RegulatedChecks>.Instance);

    public PharmacyPos.Checkout.Stock.TillStock Stock(PosDbContext db) =>
        new(db, Settings(db), Microsoft.Extensions.Options.Options.Create(new TerminalOptions()), Clock);

    public PharmacyPos.Checkout.Staff.StaffAccounts Staff(PosDbContext db) =>
        new(db, new Microsoft.AspNetCore.Identity.PasswordHasher<StaffAccount>(), Throttle, Clock, NullLogger<PharmacyPos.Checkout.Staff.StaffAccounts>.Instance);

    /// <summary>One POS process's throttle: every use case of this instance shares it, as in the host.</summary>
    public SignInThrottle Throttle { get; } = new();

    public static readonly Actor Manager = new("manager", "店长甲", StaffRole.Manager);
    public static readonly Actor Cashier = new("cashier", "收银员乙", StaffRole.Cashier);

    /// <summary>Refunds by a manager, who needs no one's approval; <see cref="Refunds(PosDbContext)"/> with <see cref="ContextFor"/> for anyone else.</summary>
    public (PharmacyPos.Checkout.Refunds.RefundCheckout, PosDbContext) Refunds() => Refunds(ContextFor(Manager));

    public (PharmacyPos.Checkout.Refunds.RefundCheckout, PosDbContext) Refunds(PosDbContext db) =>
        (new PharmacyPos.Checkout.Refunds.RefundCheckout(db, new PaymentChannels(_services.GetServices<IPaymentChannel>()), Settings(db), Staff(db), Clock,
            NullLogger<PharmacyPos.Checkout.Refunds.RefundCheckout>.Instance), db);

    /// <summary>A context acting for one member of staff, as a signed-in till's requests do.</summary>
    public PosDbContext ContextFor(Actor actor) => Database.NewContextFor(actor, Clock);

    /// <summary>This POS instance's memory of open 班次.</summary>
    public PharmacyPos.Data.Shifts.OpenShifts OpenShifts => _services.GetRequiredService<PharmacyPos.Data.Shifts.OpenShifts>();

    /// <summary><see cref="ContextFor"/> whose new orders and refunds carry the writer's 班次, as in the host.</summary>
    public PosDbContext ShiftContextFor(Actor actor) => Database.NewContextFor(actor, Clock, shifts: OpenShifts);

    public PharmacyPos.Checkout.Shifts.TillShifts Shifts(PosDbContext db) =>
        new(db, OpenShifts, Staff(db), Settings(db), Microsoft.Extensions.Options.Options.Create(new TerminalOptions()), Clock,
            NullLogger<PharmacyPos.Checkout.Shifts.TillShifts>.Instance);

    public PharmacyPos.Checkout.Shifts.DayCloses DayCloses(PosDbContext db) =>
        new(db, new PharmacyPos.Data.Reports.SalesReports(db), Reconciliation(db), _services.GetRequiredService<IInsurancePlatform>(), OpenShifts,
            Microsoft.Extensions.Options.Options.Create(new TerminalOptions()), Clock, NullLogger<PharmacyPos.Checkout.Shifts.DayCloses>.Instance);

    public (PharmacyPos.Checkout.Reconciliation.DailyReconciliation, PosDbContext) Reconciliation()
    {
        var db = Database.NewContext();
        return (Reconciliation(db), db);
    }

    public PharmacyPos.Checkout.Reconciliation.DailyReconciliation Reconciliation(PosDbContext db) =>
        new(db, _services.GetServices<PharmacyPos.Channels.Bills.IChannelBill>(),
            new PaymentChannels(_services.GetServices<IPaymentChannel>()), _services.GetRequiredService<IInsurancePlatform>(),
            Microsoft.Extensions.Options.Options.Create(new TerminalOptions()), Clock, NullLogger<PharmacyPos.Checkout.Reconciliation.DailyReconciliation>.Instance);

    public (PharmacyPos.Checkout.Refunds.RefundSearch, PosDbContext) Search()
    {
        var db = Database.NewContext();
        return (new PharmacyPos.Checkout.Refunds.RefundSearch(db, Microsoft.Extensions.Options.Options.Create(new TerminalOptions()),
            _services.GetRequiredService<IInsurancePlatform>()), db);
    }

    public async Task<Sale> SaleAsync(params string[] codes)
    {
        await using var db = Database.NewContext();
        var sale = new Sale();
        foreach (var code in codes) sale.Add(await db.Drugs.SingleAsync(d => d.Code == code));
        return sale;
    }

    /// <summary>A sale of one mapped drug at a given total, for threshold edges.</summary>
    public async Task<Sale> SaleOfAsync(decimal total)
    {
        await using var db = Database.NewContext();
        var drug = await db.Drugs.Where(d => d.NationalCode != null && !d.WhollySelfPaid).OrderBy(d => d.Id).FirstAsync();
        drug.ChangePrice(Money.FromYuan(total));
        var sale = new Sale();
        sale.Add(drug);
        return sale;
    }

    public IReadOnlyList<LedgerEntry> Ledger(string tradeNo) => Sandbox.Ledger().Where(e => e.OutTradeNo == tradeNo).ToList();

    public async Task DisposeAsync()
    {
        foreach (var instance in _instances) await instance.DisposeAsync();
        await _services.DisposeAsync();
        await _sandbox.DisposeAsync();
        await Database.DisposeAsync();
    }
}
