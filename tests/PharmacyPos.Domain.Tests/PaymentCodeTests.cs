using PharmacyPos.Domain.Payments;

namespace PharmacyPos.Domain.Tests;

public class PaymentCodeTests
{
    [Theory]
    [InlineData("2812345678901234", Wallet.Alipay)]          // 16 digits, prefix 28
    [InlineData("250000000000000000", Wallet.Alipay)]        // prefix 25
    [InlineData("300000000000000000000000", Wallet.Alipay)]  // 24 digits, prefix 30
    [InlineData("134567890123456789", Wallet.WeChat)]        // 18 digits, prefix 13
    [InlineData("100000000000000000", Wallet.WeChat)]
    [InlineData("159999999999999999", Wallet.WeChat)]
    [InlineData(" 134567890123456789 ", Wallet.WeChat)]      // a scanner's stray blanks
    public void Classifies_codes_by_prefix_and_length(string scanned, Wallet wallet) =>
        Assert.Equal(wallet, PaymentCode.Classify(scanned).Value.Wallet);

    [Theory]
    [InlineData("28123456789012")]              // an Alipay prefix, too short: part of the scan swallowed
    [InlineData("2812345678901234567890123")]   // 25 digits
    [InlineData("1345678901234567")]            // WeChat prefix but 16 digits
    [InlineData("28123456789O123456")]          // a letter O
    [InlineData("281234567890123456\u001b")]
    [InlineData("12345")]                       // a few digits of something
    public void Refuses_a_wallet_code_with_digits_lost_or_characters_mixed_in_as_an_intercepted_scan(string scanned)
    {
        var result = PaymentCode.Classify(scanned);
        Assert.Equal("CODE_INCOMPLETE", result.Error!.Code);
        Assert.Contains("退出可能占用扫码枪的其他软件", result.Error.Message);
        Assert.Contains("未扣款", result.Error.Message);
    }

    [Theory]
    [InlineData("16123456789012345678")]        // prefix 16
    [InlineData("31123456789012345678")]        // prefix 31
    [InlineData("6222021234567890123")]         // a bank card number
    public void Refuses_a_whole_code_of_no_wallet_as_such(string scanned) =>
        Assert.Equal("CODE_OF_NO_WALLET", PaymentCode.Classify(scanned).Error!.Code);

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Nothing_scanned_is_a_prompt(string scanned) =>
        Assert.Equal("NOTHING_SCANNED", PaymentCode.Classify(scanned).Error!.Code);

    [Fact]
    public void Shows_only_the_ends_of_a_code() =>
        Assert.Equal("2812****3456", PaymentCode.Classify("281234567890123456").Value.Masked);
}
