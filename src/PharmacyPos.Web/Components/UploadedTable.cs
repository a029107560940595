using Microsoft.AspNetCore.Components.Forms;
using PharmacyPos.Data.Import;

namespace PharmacyPos.Web.Components;

/// <summary>A file a manager picked for an import: the type, the size and the table's header checked, in Chinese.</summary>
public static class UploadedTable
{
    /// <summary>A chain's catalogue of 300,000 drugs is a 35 MB workbook (bench §9): it must fit, with room.</summary>
    public const long MaxFileBytes = 64 * 1024 * 1024;

    /// <returns>The rows, or the reason the file as a whole cannot be read (no row was imported).</returns>
    public static async Task<(IReadOnlyList<ImportRow>? Rows, string? Problem)> ReadAsync(IBrowserFile file, TableLayout layout)
    {
        if (!TableFile.IsSupported(file.Name)) return (null, $"不支持的文件类型“{Path.GetExtension(file.Name)}”，请上传 CSV 或 XLSX 文件。");
        if (file.Size > MaxFileBytes) return (null, $"文件超过 {MaxFileBytes / 1024 / 1024} MB，请拆分后分批导入。");
        using var buffer = new MemoryStream();
        await using (var upload = file.OpenReadStream(MaxFileBytes)) await upload.CopyToAsync(buffer);
        buffer.Position = 0;
        try
        {
            return (TableFile.Read(buffer, file.Name, layout), null);
        }
        catch (ImportFileException e)
        {
            return (null, e.Message);
        }
    }
}
