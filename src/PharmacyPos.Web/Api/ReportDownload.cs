using PharmacyPos.Data.Export;
using PharmacyPos.Domain.Errors;

namespace PharmacyPos.Web.Api;

/// <summary>Every report's file download: one format check, one error, one way to name the file.</summary>
public static class ReportDownload
{
    public static readonly PosError FormatInvalid = new("FORMAT_INVALID", "导出格式只能是 csv 或 xlsx。");
    public static readonly PosError DateInvalid = new("DATE_INVALID", "日期格式不正确，应为 yyyy-MM-dd。");

    public static bool TryFormat(string? text, out ExportFormat format, out IResult? refusal)
    {
        var known = ReportFile.TryParseFormat(text, out format);
        refusal = known ? null : PosApi.Problem(FormatInvalid, StatusCodes.Status400BadRequest);
        return known;
    }

    public static IResult File(ReportTable table, ExportFormat format, string fileName) =>
        Results.File(ReportFile.Write(table, format), ReportFile.ContentType(format), $"{fileName}.{ReportFile.Extension(format)}");
}
