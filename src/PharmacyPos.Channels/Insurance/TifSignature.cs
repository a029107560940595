using System.Security.Cryptography;
using System.Text;

namespace PharmacyPos.Channels.Insurance;

/// <summary>
/// The platform gateway's request signature: headers x-tif-paasid, x-tif-timestamp (unix
/// seconds), x-tif-nonce and x-tif-signature = hex SHA-256 of timestamp + token + nonce +
/// timestamp. (As the provinces publish it; the exact header set is confirmed per province.)
/// </summary>
public static class TifSignature
{
    public const string PaasIdHeader = "x-tif-paasid";
    public const string TimestampHeader = "x-tif-timestamp";
    public const string NonceHeader = "x-tif-nonce";
    public const string SignatureHeader = "x-tif-signature";

    public static string Compute(string timestamp, string token, string nonce) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(timestamp + token + nonce + timestamp)));

    public static bool Verify(string? timestamp, string? nonce, string? signature, string token) =>
        timestamp is not null && nonce is not null && signature is not null
        && CryptographicOperations.FixedTimeEquals(
            Encoding.ASCII.GetBytes(Compute(timestamp, token, nonce)), Encoding.ASCII.GetBytes(signature.ToLowerInvariant()));
}
