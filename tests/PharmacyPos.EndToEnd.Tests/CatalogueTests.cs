using PharmacyPos.Domain.Staff;
using System.Text;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace PharmacyPos.EndToEnd.Tests;

[Collection(PosCollection.Name)]
public class CatalogueTests(PosFixture pos)
{
    [Fact]
    public async Task Importing_a_file_reports_bad_rows_and_the_good_rows_become_searchable()
    {
        var page = await pos.OpenTillAsync("/catalogue", "[data-testid=import][data-ready]", StaffRole.Manager);
        var csv = "编码,条码,名称,规格,生产厂家,单位,零售价,拼音码,医保编码,全自费,医保类别\n" +
                  "E2E001,6955555555501,测试颗粒,10g*10袋,测试厂,盒,9.90,CSKL,XZA01AB1,否,乙\n" +
                  "E2E002,6955555555502,坏行,1,测试厂,盒,abc,HH,,否,\n";
        await page.GetByTestId("import-file").SetInputFilesAsync(new FilePayload
        {
            Name = "catalogue.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(csv),
        });

        await Expect(page.GetByTestId("import-summary")).ToHaveTextAsync("导入完成：新增 1 种，更新 0 种，错误 1 行。");
        await Expect(page.GetByTestId("import-errors")).ToContainTextAsync("零售价“abc”无效");

        await page.GetByTestId("catalogue-q").FillAsync("CSKL");
        await Expect(page.GetByTestId("catalogue-table").Locator("tbody tr")).ToHaveCountAsync(1);
        await Expect(page.GetByTestId("catalogue-table")).ToContainTextAsync("测试颗粒");
    }

    [Fact]
    public async Task A_file_of_the_wrong_type_is_refused_in_chinese()
    {
        var page = await pos.OpenTillAsync("/catalogue", "[data-testid=import][data-ready]", StaffRole.Manager);
        await page.GetByTestId("import-file").SetInputFilesAsync(new FilePayload
        {
            Name = "catalogue.txt", MimeType = "text/plain", Buffer = Encoding.UTF8.GetBytes("x"),
        });
        await Expect(page.GetByTestId("import-error")).ToContainTextAsync("不支持的文件类型");
    }

    [Fact]
    public async Task Unknown_pages_answer_in_chinese_not_with_an_error()
    {
        var response = await pos.Http.GetAsync("/no-such-page");
        Assert.Equal(System.Net.HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("页面不存在", await response.Content.ReadAsStringAsync());
    }
}
