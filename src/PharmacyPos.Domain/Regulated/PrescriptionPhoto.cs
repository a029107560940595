using PharmacyPos.Domain.Errors;

namespace PharmacyPos.Domain.Regulated;

/// <summary>
/// A photo of the paper prescription, kept with the order. Only JPEG, PNG or WebP, told by the
/// file's own first bytes (a name or a declared type proves nothing), and at most <see cref="MaxBytes"/>.
/// </summary>
public sealed record PrescriptionPhoto(byte[] Content, string ContentType)
{
    /// <summary>A phone's photo of an A5 sheet is 1–4 MB; more is not a photo of a prescription.</summary>
    public const int MaxBytes = 5 * 1024 * 1024;

    public static readonly PosError TooLarge = new("PHOTO_TOO_LARGE", $"处方图片不能超过 {MaxBytes / 1024 / 1024} MB，请压缩或重新拍照后再上传。");
    public static readonly PosError NotAnImage = new("PHOTO_NOT_IMAGE", "处方图片只能是 JPG、PNG 或 WebP 图片。");
    public static readonly PosError Empty = new("PHOTO_EMPTY", "处方图片是空文件。");

    public static Result<PrescriptionPhoto> From(byte[] content)
    {
        if (content.Length == 0) return Empty;
        if (content.Length > MaxBytes) return TooLarge;
        return TypeOf(content) is { } type ? new PrescriptionPhoto(content, type) : NotAnImage;
    }

    private static string? TypeOf(ReadOnlySpan<byte> b) =>
        b.Length >= 3 && b[0] == 0xFF && b[1] == 0xD8 && b[2] == 0xFF ? "image/jpeg"
        : b.Length >= 8 && b[..8].SequenceEqual((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) ? "image/png"
        : b.Length >= 12 && b[..4].SequenceEqual("RIFF"u8) && b[8..12].SequenceEqual("WEBP"u8) ? "image/webp"
        : null;
}
