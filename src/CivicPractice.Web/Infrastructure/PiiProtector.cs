using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace CivicPractice.Web.Infrastructure;

/// <summary>
/// Personal data at rest (PIPL): AES-GCM encryption for values we must show again (masked, or revealed
/// with an audit entry), and an HMAC blind index for equality lookups without storing the clear value.
/// Keys come from configuration (<c>Civic:Pii:EncryptionKey</c>, <c>Civic:Pii:IndexKey</c>, base64 of 32 bytes) or from
/// an existing key file under the data directory. Only in Development (and the test host) is a missing key file created,
/// readable by the owner alone; anywhere else missing keys stop the start.
/// </summary>
public sealed class PiiProtector
{
    private const string Version = "v1:";
    private readonly byte[] _encryptionKey;
    private readonly byte[] _indexKey;

    public PiiProtector(byte[] encryptionKey, byte[] indexKey)
    {
        if (encryptionKey.Length != 32 || indexKey.Length != 32) throw new ArgumentException("PII keys must be 32 bytes.");
        _encryptionKey = encryptionKey;
        _indexKey = indexKey;
    }

    /// <summary>
    /// A key for another purpose (e.g. signing check-in codes), derived from the index key with HKDF so deployments keep
    /// one secret pair: knowing the derived key reveals neither PII key.
    /// </summary>
    public byte[] DeriveKey(string purpose) =>
        HKDF.DeriveKey(HashAlgorithmName.SHA256, _indexKey, 32, salt: [], info: System.Text.Encoding.UTF8.GetBytes("civic:" + purpose));

    public static PiiProtector FromConfiguration(IConfiguration configuration, string dataDirectory, IHostEnvironment environment)
    {
        var enc = configuration["Civic:Pii:EncryptionKey"];
        var idx = configuration["Civic:Pii:IndexKey"];
        if (!string.IsNullOrEmpty(enc) && !string.IsNullOrEmpty(idx))
        {
            return new PiiProtector(Convert.FromBase64String(enc), Convert.FromBase64String(idx));
        }
        var file = Path.Combine(dataDirectory, "keys", "pii-keys.json");
        if (File.Exists(file))
        {
            OwnerOnly(file);
            var stored = JsonSerializer.Deserialize<KeyFile>(File.ReadAllText(file))!;
            return new PiiProtector(Convert.FromBase64String(stored.EncryptionKey), Convert.FromBase64String(stored.IndexKey));
        }
        if (!(environment.IsDevelopment() || environment.IsEnvironment("Testing")))
        {
            throw new InvalidOperationException(
                "Personal-data keys are missing: set Civic:Pii:EncryptionKey and Civic:Pii:IndexKey (each the base64 of 32 random bytes, " +
                "e.g. `openssl rand -base64 32`) from a secret store, and keep them: without them no ID number or phone can be read again. " +
                "/ 未配置个人信息加密密钥（Civic:Pii:EncryptionKey、Civic:Pii:IndexKey），平台不能启动。");
        }
        var created = new KeyFile(Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)), Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
        var dir = Path.GetDirectoryName(file)!;
        Directory.CreateDirectory(dir);
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(dir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using (var stream = new FileStream(file, options))
        using (var writer = new StreamWriter(stream))
        {
            writer.Write(JsonSerializer.Serialize(created));
        }
        Console.Error.WriteLine($"警告：已在 {file} 生成开发用个人信息加密密钥（仅本用户可读）。生产环境请通过配置提供密钥。");
        return new PiiProtector(Convert.FromBase64String(created.EncryptionKey), Convert.FromBase64String(created.IndexKey));
    }

    /// <summary>A key file readable by others is made owner-only before it is used.</summary>
    private static void OwnerOnly(string file)
    {
        if (OperatingSystem.IsWindows()) return;
        var ownerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        if ((File.GetUnixFileMode(file) & ~ownerOnly) != 0) File.SetUnixFileMode(file, ownerOnly);
    }

    public string Encrypt(string clear)
    {
        var plain = Encoding.UTF8.GetBytes(clear);
        var nonce = RandomNumberGenerator.GetBytes(AesGcm.NonceByteSizes.MaxSize);
        var tag = new byte[AesGcm.TagByteSizes.MaxSize];
        var cipher = new byte[plain.Length];
        using var aes = new AesGcm(_encryptionKey, tag.Length);
        aes.Encrypt(nonce, plain, cipher, tag);
        return Version + Convert.ToBase64String([.. nonce, .. tag, .. cipher]);
    }

    public string Decrypt(string protectedValue)
    {
        if (!protectedValue.StartsWith(Version, StringComparison.Ordinal)) throw new CryptographicException("Unknown PII format.");
        var all = Convert.FromBase64String(protectedValue[Version.Length..]);
        var nonceSize = AesGcm.NonceByteSizes.MaxSize;
        var tagSize = AesGcm.TagByteSizes.MaxSize;
        var plain = new byte[all.Length - nonceSize - tagSize];
        using var aes = new AesGcm(_encryptionKey, tagSize);
        aes.Decrypt(all.AsSpan(0, nonceSize), all.AsSpan(nonceSize + tagSize), all.AsSpan(nonceSize, tagSize), plain);
        return Encoding.UTF8.GetString(plain);
    }

    /// <summary>A keyed hash of a normalised value: equal inputs give equal indexes, the value cannot be read back.</summary>
    public string BlindIndex(string kind, string normalizedValue)
    {
        var mac = HMACSHA256.HashData(_indexKey, Encoding.UTF8.GetBytes(kind + ":" + normalizedValue));
        return kind + ":" + Convert.ToHexStringLower(mac);
    }

    /// <summary>The lookup key of a mobile number, also its login name.</summary>
    public string PhoneIndex(string phone) => BlindIndex("phone", Domain.Identity.MobileNumber.Normalize(phone));

    /// <summary>The lookup key of an ID number: one person, one registration per county.</summary>
    public string IdIndex(Domain.Volunteers.ChineseIdNumber id) => BlindIndex("id", id.Value);

    /// <summary>An ID number and a phone as a volunteer record keeps them: indexes, ciphertexts, masks.</summary>
    public Domain.Volunteers.ProtectedIdentity Protect(Domain.Volunteers.ChineseIdNumber id, string phone) => new(
        IdIndex(id), Encrypt(id.Value), Domain.Volunteers.ChineseIdNumber.Mask(id.Value),
        PhoneIndex(phone), Encrypt(phone), Domain.Identity.MobileNumber.Mask(phone), id.Gender, id.BirthDate);

    private sealed record KeyFile(string EncryptionKey, string IndexKey);
}
