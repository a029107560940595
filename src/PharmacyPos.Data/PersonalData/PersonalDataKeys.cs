using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace PharmacyPos.Data.PersonalData;

/// <summary>
/// Where the personal-data key comes from: <c>Database:PersonalDataKey</c> (base64 of 32 bytes;
/// environment or user-secrets in production, and the same on every till of a chain). A single
/// store on SQLite with no key set gets one generated beside its database file, readable by the
/// POS's user only, so a copied-out database or backup holds no readable ID number.
/// </summary>
public static class PersonalDataKeys
{
    private static readonly ConcurrentDictionary<string, PersonalDataProtector> Protectors = new();

    public static PersonalDataProtector For(DatabaseOptions options)
    {
        if (!string.IsNullOrWhiteSpace(options.PersonalDataKey))
            return Protectors.GetOrAdd("configured:" + options.PersonalDataKey, _ => new PersonalDataProtector(Decode(options.PersonalDataKey)));
        if (options.IsPostgreSql)
            throw new PersonalDataKeyException("连锁数据库（PostgreSQL）须配置 Database:PersonalDataKey（32 字节密钥的 Base64，各终端相同），用于加密身份证号和社保编码。");
        var file = Path.GetFullPath(options.Path) + ".key";
        return Protectors.GetOrAdd("file:" + file, _ => new PersonalDataProtector(Decode(ReadOrCreate(file))));
    }

    public static string NewKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    private static byte[] Decode(string base64)
    {
        try
        {
            var key = Convert.FromBase64String(base64.Trim());
            if (key.Length == 32) return key;
        }
        catch (FormatException) { }
        throw new PersonalDataKeyException("Database:PersonalDataKey 不是 32 字节密钥的 Base64 编码。");
    }

    private static string ReadOrCreate(string file)
    {
        if (File.Exists(file)) return File.ReadAllText(file);
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        try
        {
            var create = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows()) create.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            using var stream = new FileStream(file, create);
            using var writer = new StreamWriter(stream);
            var key = NewKey();
            writer.Write(key);
            return key;
        }
        catch (IOException) when (File.Exists(file))
        {
            return File.ReadAllText(file); // another process made it first
        }
    }
}
