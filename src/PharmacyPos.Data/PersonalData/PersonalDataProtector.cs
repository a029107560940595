using System.Security.Cryptography;
using System.Text;

namespace PharmacyPos.Data.PersonalData;

/// <summary>
/// Seals resident ID numbers and 社保编码 before they reach the database: AES-256-GCM under a
/// key from configuration. The nonce is an HMAC of the value (a synthetic IV), so the same
/// number always seals to the same text: 退单's 社保编码 query still finds its orders by
/// equality, and what that gives away is only that two rows hold the same number.
/// </summary>
public sealed class PersonalDataProtector
{
    private const string Prefix = SealedPrefix;

    /// <summary>What every sealed value starts with (the sealing pass looks for values without it).</summary>
    public const string SealedPrefix = "pd1:";
    private const int NonceBytes = 12;
    private const int TagBytes = 16;
    private static readonly byte[] AssociatedData = "pharmacypos/personal-data/v1"u8.ToArray();

    private readonly byte[] _encryptionKey;
    private readonly byte[] _nonceKey;

    public PersonalDataProtector(byte[] masterKey)
    {
        if (masterKey.Length != 32) throw new ArgumentException("The personal-data key must be 32 bytes (256 bits).", nameof(masterKey));
        _encryptionKey = HKDF.DeriveKey(HashAlgorithmName.SHA256, masterKey, 32, info: "pharmacypos personal data: encryption"u8.ToArray());
        _nonceKey = HKDF.DeriveKey(HashAlgorithmName.SHA256, masterKey, 32, info: "pharmacypos personal data: nonce"u8.ToArray());
        Fingerprint = Convert.ToHexString(SHA256.HashData(_nonceKey))[..16];
    }

    /// <summary>Names the key without revealing it (logs, the settings page, EF's model cache).</summary>
    public string Fingerprint { get; }

    public static bool IsSealed(string? stored) => stored?.StartsWith(Prefix, StringComparison.Ordinal) == true;

    public string Protect(string value)
    {
        if (value.Length == 0 || IsSealed(value)) return value;
        var plain = Encoding.UTF8.GetBytes(value);
        var nonce = HMACSHA256.HashData(_nonceKey, plain).AsSpan(0, NonceBytes);
        var sealedBytes = new byte[NonceBytes + plain.Length + TagBytes];
        nonce.CopyTo(sealedBytes);
        using var aes = new AesGcm(_encryptionKey, TagBytes);
        aes.Encrypt(nonce, plain, sealedBytes.AsSpan(NonceBytes, plain.Length), sealedBytes.AsSpan(NonceBytes + plain.Length), AssociatedData);
        return Prefix + Convert.ToBase64String(sealedBytes);
    }

    /// <summary>Rows written before sealing existed read as they are, until start-up seals them.</summary>
    public string Unprotect(string stored)
    {
        if (!IsSealed(stored)) return stored;
        var bytes = Convert.FromBase64String(stored[Prefix.Length..]);
        var plain = new byte[bytes.Length - NonceBytes - TagBytes];
        using var aes = new AesGcm(_encryptionKey, TagBytes);
        try
        {
            aes.Decrypt(bytes.AsSpan(0, NonceBytes), bytes.AsSpan(NonceBytes, plain.Length), bytes.AsSpan(NonceBytes + plain.Length), plain, AssociatedData);
        }
        catch (AuthenticationTagMismatchException e)
        {
            throw new PersonalDataKeyException("个人信息无法解密：数据库中的身份证号/社保编码不是用当前密钥加密的。请检查 Database:PersonalDataKey 是否与写入时相同。", e);
        }
        return Encoding.UTF8.GetString(plain);
    }

    /// <summary>The longest sealed text for a value of <paramref name="length"/> characters of ASCII.</summary>
    public static int SealedLength(int length) => Prefix.Length + (NonceBytes + length + TagBytes + 2) / 3 * 4;
}

/// <summary>The configured key is not the one the data was sealed with, or no usable key is configured.</summary>
public sealed class PersonalDataKeyException(string message, Exception? inner = null) : Exception(message, inner);
