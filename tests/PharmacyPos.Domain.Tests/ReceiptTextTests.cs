using PharmacyPos.Domain.Receipts;

namespace PharmacyPos.Domain.Tests;

/// <summary>The thermal receipt's layout: columns counted as the printer draws them, long names wrapped, amounts flush right.</summary>
public sealed class ReceiptTextTests
{
    private static ReceiptCopy Copy(string name, int printNo = 1) => new(
        new ReceiptHeading("演示大药房", "杭州市西湖区文三路 1 号", "0571-88888888", "H33010000001"), "202611300030000101000001", "2026-11-30 08:30:00",
        "T0001-01", "收银员乙",
        [new ReceiptLine(name, "0.25g*24粒", "以岭药业股份有限公司", "A2601", new DateOnly(2028, 1, 4), 2, "盒", Money.FromYuan(13.10m), Money.FromYuan(26.20m))],
        Money.FromYuan(26.20m), [("医保个人账户支付（扫码）", "¥26.20")], "张*", printNo, OpensDrawer: false);

    [Theory]
    [InlineData(58, 32)]
    [InlineData(80, 48)]
    public void No_row_is_wider_than_the_paper_and_a_long_name_wraps(int paper, int columns)
    {
        Assert.Equal(columns, ReceiptText.ColumnsFor(paper));
        var rows = ReceiptText.Layout(Copy("复方甘草酸苷片（这是一个很长很长的药品名称用来换行）"), columns).Rows;
        Assert.All(rows.Where(r => !r.Qr).SelectMany(r => r.Text.Split('\n')), t => Assert.InRange(ReceiptText.Width(t), 0, columns));
        Assert.Contains(rows, r => r.Text.EndsWith("￥26.20", StringComparison.Ordinal) && r.Text.StartsWith("医保个人账户支付", StringComparison.Ordinal));
        Assert.Contains(rows, r => r.Text == "  批号 A2601 有效期至 2028-01-04");
        Assert.Equal("202611300030000101000001", Assert.Single(rows, r => r.Qr).Text);
    }

    [Fact]
    public void A_chinese_character_takes_two_columns_and_a_reprint_says_so()
    {
        Assert.Equal(4 + 5, ReceiptText.Width("合计 12.5"));
        Assert.DoesNotContain(ReceiptText.Layout(Copy("阿莫西林胶囊"), 32).Rows, r => r.Text.Contains("重打"));
        Assert.Contains(ReceiptText.Layout(Copy("阿莫西林胶囊", printNo: 3), 32).Rows, r => r.Text == "重打（第 3 次打印）");
    }
}
