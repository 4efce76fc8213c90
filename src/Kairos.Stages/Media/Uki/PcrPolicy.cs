using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Kairos.Stages.Media.Uki;

/// <summary>
/// The UKI's <c>.pcrsig</c>: PCR 11 as the stub and the boot phases will leave it, predicted by
/// <c>systemd-measure calculate</c> from the section files, and for each phase the TPM2 PolicyPCR
/// digest of that value signed with the PCR key, in systemd-measure's JSON. systemd-measure (252)
/// can only sign with a TPM at hand; the policy digest needs none, so it is computed here:
/// SHA-256 over a zero digest, TPM_CC_PolicyPCR, the PCR selection (sha256: PCR 11) and SHA-256 of the
/// PCR value; the signature is RSA PKCS#1 v1.5 with SHA-256 over that digest, the key's fingerprint
/// SHA-256 of its PKCS#1 public key. Tests check every field against systemd-measure sign with swtpm.
/// </summary>
public static class PcrPolicy
{
    public const string Measure = "/usr/lib/systemd/systemd-measure";
    private const uint PolicyPcrCommand = 0x0000017F;
    private const int Pcr = 11;

    /// <summary>The PCR 11 values per phase (hex) and the .pcrsig JSON.</summary>
    public sealed record Prediction(IReadOnlyList<(string Phase, string Pcr11)> Values, string Json);

    /// <summary>The public half of the PCR key as PEM (the UKI's <c>.pcrpkey</c>).</summary>
    public static string PublicKeyPem(RSA key) => key.ExportSubjectPublicKeyInfoPem() + "\n";

    public static async Task<Prediction> PredictAsync(IReadOnlyDictionary<string, string> sectionFiles, IReadOnlyList<string> phases, RSA key, CancellationToken cancellationToken)
    {
        var args = new List<string> { "calculate", "--bank=sha256", "--json=short" };
        args.AddRange(sectionFiles.Select(s => $"--{s.Key.TrimStart('.')}={s.Value}"));
        args.AddRange(phases.Select(p => $"--phase={p}"));
        var output = await MediaTool.RunAsync(Measure, args, cancellationToken, "predicting PCR 11 with systemd-measure");
        var values = new List<(string, string)>();
        using (var document = JsonDocument.Parse(output))
        {
            foreach (var entry in document.RootElement.GetProperty("sha256").EnumerateArray())
            {
                values.Add((entry.GetProperty("phase").GetString()!, entry.GetProperty("hash").GetString()!));
            }
        }

        return new Prediction(values, Sign(values, key));
    }

    /// <summary>systemd-measure sign's JSON for the given PCR 11 values.</summary>
    public static string Sign(IEnumerable<(string Phase, string Pcr11)> values, RSA key)
    {
        var fingerprint = Convert.ToHexStringLower(SHA256.HashData(key.ExportRSAPublicKey()));
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartArray("sha256");
            foreach (var (_, pcr11) in values)
            {
                var policy = PolicyDigest(Convert.FromHexString(pcr11));
                json.WriteStartObject();
                json.WriteStartArray("pcrs");
                json.WriteNumberValue(Pcr);
                json.WriteEndArray();
                json.WriteString("pkfp", fingerprint);
                json.WriteString("pol", Convert.ToHexStringLower(policy));
                json.WriteString("sig", Convert.ToBase64String(key.SignData(policy, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)));
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>TPM2_PolicyPCR's policy digest, starting from the empty policy, for PCR 11 of the sha256 bank holding <paramref name="pcrValue"/>.</summary>
    public static byte[] PolicyDigest(byte[] pcrValue)
    {
        Span<byte> message = stackalloc byte[32 + 4 + 10 + 32];
        message[..32].Clear();
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(message[32..], PolicyPcrCommand);
        // TPML_PCR_SELECTION: one selection, TPM_ALG_SHA256, 3 bytes of bitmap, PCR 11 = byte 1 bit 3
        ReadOnlySpan<byte> selection = [0, 0, 0, 1, 0x00, 0x0B, 3, 0x00, 1 << (Pcr % 8), 0x00];
        selection.CopyTo(message[36..]);
        SHA256.HashData(pcrValue).CopyTo(message[46..]);
        return SHA256.HashData(message);
    }
}
