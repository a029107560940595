using PharmacyPos.Domain;
using PharmacyPos.Domain.Registration;

namespace PharmacyPos.Sandbox.Model;

/// <summary>The customers a new sandbox starts with: one of each situation a cashier meets.</summary>
public static class SandboxSeed
{
    public static void Seed(SandboxState state)
    {
        state.Upsert(new Customer
        {
            Id = "zhang-san", Name = "张三", AlipayBalance = Yuan(5000), WeChatBalance = Yuan(3000),
            Card = Card("33010020000001", "张三", "33010619850315002", "330100001234567", 2000),
        });
        state.Upsert(new Customer
        {
            Id = "li-si", Name = "李四（医保余额不足）", AlipayBalance = Yuan(1000), WeChatBalance = Yuan(1000),
            Card = Card("33010020000002", "李四", "33010619701102004", "330100007654321", 5),
        });
        state.Upsert(new Customer { Id = "wang-wu", Name = "王五（未绑定社保卡）", AlipayBalance = Yuan(1000), WeChatBalance = Yuan(1000) });
        state.Upsert(new Customer { Id = "zhao-liu", Name = "赵六（钱包余额不足）", AlipayBalance = Yuan(1), WeChatBalance = new Money(50) });
        state.Upsert(new Customer
        {
            Id = "qian-qi", Name = "钱七（仅微信）", WeChatBalance = Yuan(500),
            Card = Card("33010020000003", "钱七", "33010619920708006", "330100005555555", 800),
        });
        state.Upsert(new Customer
        {
            Id = "auto", Name = "自动确认顾客", AlipayBalance = Yuan(100000), WeChatBalance = Yuan(100000), AutoConfirm = true,
            Card = Card("33010020000009", "孙九", "33010619800101008", "330100009999999", 100000),
        });
    }

    private static Money Yuan(decimal yuan) => Money.FromYuan(yuan);

    private static BoundCard Card(string psnNo, string name, string id17, string socialSecurityNo, decimal balance) => new()
    {
        PsnNo = psnNo,
        Name = name,
        CertNo = id17 + ResidentId.CheckCharacter(id17),
        SocialSecurityNo = socialSecurityNo,
        Balance = Yuan(balance),
    };
}
