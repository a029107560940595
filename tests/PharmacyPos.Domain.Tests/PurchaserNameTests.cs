using PharmacyPos.Domain.Orders;
using PharmacyPos.Domain.Registration;

namespace PharmacyPos.Domain.Tests;

public class PurchaserNameTests
{
    private static IReadOnlyDictionary<string, string> ErrorsFor(string name) =>
        PurchaseRegistration.Fill(new(name, "11010519491231002X", "13800138000", "本人"), "张三", "P1", PaymentMethod.InsuranceAccount, Money.FromYuan(300)).Errors;

    [Theory]
    [InlineData("\u200B\u200B\u200B")]
    [InlineData("\u200B\u200C\u200D\uFEFF\u2060")]
    [InlineData("\u202E\u202D")]
    [InlineData("  \t ")]
    [InlineData("123")]
    [InlineData("..")]
    [InlineData("\u0001\u0002")]
    public void A_name_of_nothing_visible_or_without_a_letter_is_refused_in_chinese(string typed) =>
        Assert.Contains("汉字或字母", ErrorsFor(typed)[nameof(PurchaseRegistration.Form.PurchaserName)]);

    [Theory]
    [InlineData("李\u200B四", "李四")]
    [InlineData("  王   五 ", "王 五")]
    [InlineData("阿依古丽·买买提", "阿依古丽·买买提")]
    [InlineData("John Smith", "John Smith")]
    public void Invisible_characters_are_dropped_and_spaces_folded(string typed, string kept)
    {
        Assert.Equal(kept, PersonName.Clean(typed));
        Assert.Empty(ErrorsFor(typed));
    }
}
