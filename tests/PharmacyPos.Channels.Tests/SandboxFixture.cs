using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PharmacyPos.Channels.Alipay;
using PharmacyPos.Channels.Insurance;
using PharmacyPos.Channels.WeChatPay;
using PharmacyPos.Domain;
using PharmacyPos.Domain.Payments;
using PharmacyPos.Sandbox;
using PharmacyPos.Sandbox.Model;

namespace PharmacyPos.Channels.Tests;

/// <summary>A real sandbox on a free loopback port, and the three real clients pointed at it.</summary>
public sealed class SandboxFixture : IAsyncLifetime
{
    private WebApplication _app = default!;
    private ServiceProvider _clients = default!;

    public SandboxOptions Options { get; } = SandboxOptions.Generate();
    public string BaseUrl { get; private set; } = "";
    /// <summary>The sandbox's HTTPS address: WeChat Pay's /secapi/ answers only there, to the merchant's certificate.</summary>
    public string SecureUrl { get; private set; } = "";
    /// <summary>The POS's settings for this sandbox, with the certificate files written (as the embedded sandbox does).</summary>
    public IReadOnlyDictionary<string, string?> ClientSettings { get; private set; } = new Dictionary<string, string?>();
    public SandboxState State => _app.Services.GetRequiredService<SandboxState>();
    public FaultBook Faults => _app.Services.GetRequiredService<FaultBook>();
    public HttpClient Http { get; private set; } = default!;

    public AlipayClient Alipay => _clients.GetRequiredService<AlipayClient>();
    public WeChatPayClient WeChat => _clients.GetRequiredService<WeChatPayClient>();
    public InsuranceClient Insurance => _clients.GetRequiredService<InsuranceClient>();

    public async Task InitializeAsync()
    {
        Options.TimeoutFaultDelay = TimeSpan.FromSeconds(5);
        _app = SandboxApp.Build(Options);
        await _app.StartAsync();
        BaseUrl = SandboxApp.Address(_app);
        SecureUrl = SandboxApp.SecureAddress(_app);
        ClientSettings = ClientConfiguration.For(Options, BaseUrl, SecureUrl,
            Path.Combine(Path.GetTempPath(), "pharmacypos-tests", Guid.NewGuid().ToString("N")));
        Http = new HttpClient { BaseAddress = new Uri(BaseUrl) };

        _clients = Clients(OrdinaryTimeout);
        _impatient = Clients(ImpatientTimeout);
        Seed();
    }

    /// <summary>
    /// Ordinary calls get all the time a busy machine may need: a test must not turn a slow answer
    /// into "unknown". Only the timeout tests use <see cref="ImpatientAlipay"/> client, against the
    /// sandbox's timeout fault, which sits on the request far longer than they wait.
    /// </summary>
    public static readonly TimeSpan OrdinaryTimeout = TimeSpan.FromSeconds(60), ImpatientTimeout = TimeSpan.FromSeconds(1);

    private ServiceProvider _impatient = default!;

    /// <summary>Clients that give up after <see cref="ImpatientTimeout"/>, for the timeout fault only.</summary>
    public AlipayClient ImpatientAlipay => _impatient.GetRequiredService<AlipayClient>();

    private ServiceProvider Clients(TimeSpan timeout)
    {
        var services = new ServiceCollection();
        services.AddSingleton(TimeProvider.System);
        services.AddLogging();
        services.Configure<AlipayOptions>(o =>
        {
            o.GatewayUrl = BaseUrl + "/gateway.do"; o.AppId = Options.AlipayAppId; o.AppPrivateKey = Options.AppPrivateKey;
            o.AlipayPublicKey = Options.AlipayPublicKey; o.Timeout = timeout;
        });
        services.Configure<WeChatPayOptions>(o =>
        {
            o.BaseUrl = BaseUrl; o.AppId = Options.WeChatAppId; o.MchId = Options.WeChatMchId; o.ApiKey = Options.WeChatApiKey; o.Timeout = timeout;
            SecureSettings(o);
        });
        services.Configure<InsuranceOptions>(o =>
        {
            o.BaseUrl = BaseUrl; o.FixmedinsCode = Options.FixmedinsCode; o.FixmedinsName = "测试大药房"; o.MdtrtareaAdmvs = "330100";
            o.PaasId = Options.InsurancePaasId; o.PaasToken = Options.InsurancePaasToken; o.Opter = "0001"; o.OpterName = "收银员"; o.Timeout = timeout;
        });
        services.AddHttpClient<AlipayClient>();
        services.AddHttpClient<InsuranceClient>();
        services.AddHttpClient(WeChatPayClient.HttpClientName);
        services.AddHttpClient(WeChatPayClient.SecureHttpClientName).ConfigurePrimaryHttpMessageHandler(sp =>
            WeChatPayClient.SecureHandler(sp.GetRequiredService<IOptions<WeChatPayOptions>>().Value));
        services.AddSingleton<WeChatPayClient>();
        return services.BuildServiceProvider();
    }

    /// <summary>/secapi/ over HTTPS with the merchant's certificate, trusting the sandbox's own certificate.</summary>
    public void SecureSettings(WeChatPayOptions o)
    {
        o.SecureBaseUrl = ClientSettings[$"{WeChatPayOptions.Section}:SecureBaseUrl"]!;
        o.ClientCertificatePath = ClientSettings[$"{WeChatPayOptions.Section}:ClientCertificatePath"];
        o.GatewayCertificatePath = ClientSettings[$"{WeChatPayOptions.Section}:GatewayCertificatePath"];
    }

    private void Seed()
    {
        State.Upsert(new Customer { Id = "t-auto", Name = "自动", AlipayBalance = Money.FromYuan(100000), WeChatBalance = Money.FromYuan(100000), AutoConfirm = true,
            Card = new BoundCard { PsnNo = "T001", Name = "测试", CertNo = "11010519491231002X", SocialSecurityNo = "T-SSN-001", Balance = Money.FromYuan(100000) } });
        State.Upsert(new Customer { Id = "t-manual", Name = "手动", AlipayBalance = Money.FromYuan(100000), WeChatBalance = Money.FromYuan(100000),
            Card = new BoundCard { PsnNo = "T002", Name = "测试二", CertNo = "11010519491231002X", SocialSecurityNo = "T-SSN-002", Balance = Money.FromYuan(100000) } });
        State.Upsert(new Customer { Id = "t-poor", Name = "穷", AlipayBalance = Money.FromYuan(1), WeChatBalance = Money.FromYuan(1),
            Card = new BoundCard { PsnNo = "T003", Name = "测试三", CertNo = "11010519491231002X", SocialSecurityNo = "T-SSN-003", Balance = Money.FromYuan(1) } });
        State.Upsert(new Customer { Id = "t-unbound", Name = "未绑", AlipayBalance = Money.FromYuan(1000), WeChatBalance = Money.FromYuan(1000), AutoConfirm = true });
    }

    public string Code(string customer, Wallet wallet) => State.CurrentCode(customer, wallet)!;

    /// <summary>A payment as the checkout builds it: a code that classifies is a phone's code, anything else a card number.</summary>
    public static ChannelPayment Payment(string tradeNo, string presented, decimal yuan, IReadOnlyList<Domain.Orders.OrderLine>? lines = null) =>
        new(Domain.Orders.TradeNo.Parse(tradeNo), Money.FromYuan(yuan),
            PaymentCode.Classify(presented) is { IsSuccess: true } code ? new Tender.PhoneCode(code.Value) : new Tender.SocialSecurityCard(presented),
            "药品", lines ?? []);

    public static string NewTradeNo() => DateTime.UtcNow.ToString("yyyyMMddHHmmss") + Random.Shared.NextInt64(1_000_000_000, 9_999_999_999);

    public IReadOnlyList<LedgerEntry> LedgerFor(string outTradeNo) => State.Ledger().Where(e => e.OutTradeNo == outTradeNo).ToList();

    public async Task DisposeAsync()
    {
        Http.Dispose();
        await _clients.DisposeAsync();
        await _impatient.DisposeAsync();
        await _app.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class SandboxCollection : ICollectionFixture<SandboxFixture>
{
    public const string Name = "Sandbox";
}
