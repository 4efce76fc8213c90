using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Kairos.Stages.Media.Uki;

/// <summary>
/// The keys build-uki signs with, checked before any work: the Secure Boot key and its certificate
/// (they must be one pair), the PCR policy key, and the .auth files systemd-boot enrolls (PK, KEK,
/// db), whose db must hold the signing certificate, or the firmware would refuse the UKI it enrolled
/// them for. Every problem names the file; exit 2.
/// </summary>
public sealed record UkiKeys(string SbKey, string SbCert, string PcrKey, string? AuthDirectory)
{
    public static readonly string[] AuthFiles = ["PK.auth", "KEK.auth", "db.auth"];

    /// <summary><c>--keys DIR</c> as genkey writes it (db.key, db.pem, tpm2-pcr-private.pem, the .auth files); explicit flags win over it.</summary>
    public static UkiKeys Resolve(string? keysDirectory, string? sbKey, string? sbCert, string? pcrKey, string? publicKeys)
    {
        if (keysDirectory is not null && !Directory.Exists(keysDirectory))
        {
            throw MediaException.Input($"--keys: directory '{keysDirectory}' does not exist (make a key set with 'kairos-stages genkey NAME --output {keysDirectory}')");
        }

        string Pick(string? given, string file, string flag) =>
            given ?? (keysDirectory is null
                ? throw MediaException.Input($"{flag} is required (or --keys DIR holding {file}, as 'kairos-stages genkey' writes it)")
                : Path.Combine(keysDirectory, file));
        var keys = new UkiKeys(Pick(sbKey, "db.key", "--sb-key"), Pick(sbCert, "db.pem", "--sb-cert"), Pick(pcrKey, SecureBootKeys.PcrKey, "--tpm-pcr-private-key"), publicKeys ?? keysDirectory);
        keys.Check();
        return keys;
    }

    public RSA LoadPcrKey() => LoadKey(PcrKey, "--tpm-pcr-private-key");

    private void Check()
    {
        using var key = LoadKey(SbKey, "--sb-key");
        using var certificate = LoadCertificate(SbCert);
        using var certificateKey = certificate.GetRSAPublicKey() ?? throw MediaException.Input($"{SbCert}: the certificate's key is not RSA (sbsign signs with RSA keys)");
        if (!key.ExportRSAPublicKey().AsSpan().SequenceEqual(certificateKey.ExportRSAPublicKey()))
        {
            throw MediaException.Input($"{SbKey} and {SbCert} are not a pair: the key does not match the certificate's public key");
        }

        using var _ = LoadPcrKey();
        if (AuthDirectory is null)
        {
            return;
        }

        foreach (var name in AuthFiles)
        {
            var path = Path.Combine(AuthDirectory, name);
            if (!File.Exists(path))
            {
                throw MediaException.Input($"{path}: missing (systemd-boot enrolls PK.auth, KEK.auth and db.auth from loader/keys/auto; 'kairos-stages genkey' writes them)");
            }
        }

        var db = Path.Combine(AuthDirectory, "db.auth");
        if (!Read(db).AsSpan().IndexOf(certificate.RawData).Equals(-1))
        {
            return;
        }

        throw MediaException.Input($"{db} does not hold {SbCert}: firmware that enrolls these keys would refuse a UKI signed with {SbKey}");
    }

    private static RSA LoadKey(string path, string flag)
    {
        var text = System.Text.Encoding.ASCII.GetString(Read(path));
        var key = RSA.Create();
        try
        {
            key.ImportFromPem(text);
            return key;
        }
        catch (Exception e) when (e is ArgumentException or CryptographicException)
        {
            key.Dispose();
            throw MediaException.Input($"{flag} {path}: not an unencrypted RSA private key in PEM ({e.Message})");
        }
    }

    private static X509Certificate2 LoadCertificate(string path)
    {
        var bytes = Read(path);
        try
        {
            return X509CertificateLoader.LoadCertificate(bytes);
        }
        catch (CryptographicException e)
        {
            throw MediaException.Input($"--sb-cert {path}: not an X.509 certificate (PEM or DER): {e.Message}");
        }
    }

    private static byte[] Read(string path)
    {
        try
        {
            return File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw MediaException.Input($"{path}: cannot read it ({e.Message})");
        }
    }
}
