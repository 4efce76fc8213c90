namespace Kairos.Stages.Media.Uki;

/// <summary>
/// genkey: a Secure Boot key set as AuroraBoot's <c>genkey</c> lays it out. For each of PK, KEK and
/// db: <c>X.key</c> (private, PEM), <c>X.pem</c> and <c>X.der</c> (certificate), <c>X.esl</c>
/// (EFI signature list) and <c>X.auth</c> (the list signed for auto-enrollment: PK and KEK by PK,
/// db by KEK); and <c>tpm2-pcr-private.pem</c>, the key that signs the UKIs' PCR 11 policy. OpenSSL
/// and efitools do the cryptography. Written in a hidden directory and moved in at the end;
/// existing keys are never overwritten.
/// </summary>
public static class SecureBootKeys
{
    public const string PcrKey = "tpm2-pcr-private.pem";

    /// <summary>The variables in enrollment order; each one's .auth is signed by the key named beside it.</summary>
    public static readonly (string Name, string SignedBy)[] Variables = [("PK", "PK"), ("KEK", "PK"), ("db", "KEK")];

    /// <summary>The owner GUID efitools writes for Microsoft's entries in KEK and db.</summary>
    private const string MicrosoftOwner = "77fa9abd-0359-4d32-bd60-28f4e78f784b";

    private static readonly string[] Extensions = [".key", ".pem", ".der", ".esl", ".auth"];

    public static IEnumerable<string> FileNames => Variables.SelectMany(v => Extensions.Select(ext => v.Name + ext)).Append(PcrKey);

    public static async Task<IReadOnlyList<string>> GenerateAsync(string name, string output, int days, string? microsoftCerts, Action<string> log, CancellationToken cancellationToken)
    {
        if (name.Length == 0 || name.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ' ')))
        {
            throw MediaException.Input($"NAME '{name}': use letters, digits, space, '-', '_' or '.' (it becomes the certificates' CN, NAME-PK and so on)");
        }

        if (days <= 0)
        {
            throw MediaException.Input($"--expiration-in-days must be a positive number of days, not {days}");
        }

        var extra = microsoftCerts is null ? null : MicrosoftCertificates(microsoftCerts);
        string work;
        try
        {
            Directory.CreateDirectory(output);
            if (FileNames.Select(f => Path.Combine(output, f)).FirstOrDefault(File.Exists) is { } existing)
            {
                throw MediaException.Input($"{existing} exists: genkey never overwrites keys (choose another --output, or move the old set away)");
            }

            work = WorkDirectories.Create(output, ".genkey-");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw MediaException.Input($"--output {output}: cannot write there ({e.Message})");
        }

        try
        {
            var owner = Guid.NewGuid().ToString();
            foreach (var (variable, _) in Variables)
            {
                log($"{variable}: RSA key and certificate CN={name}-{variable}, {days} days");
                var key = Path.Combine(work, variable + ".key");
                var pem = Path.Combine(work, variable + ".pem");
                await MediaTool.RunAsync("openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-sha256", "-days", days.ToString(System.Globalization.CultureInfo.InvariantCulture), "-subj", $"/CN={name}-{variable}/", "-keyout", key, "-out", pem], cancellationToken, $"making the {variable} key");
                await MediaTool.RunAsync("openssl", ["x509", "-in", pem, "-outform", "DER", "-out", Path.Combine(work, variable + ".der")], cancellationToken, $"writing {variable}.der");
                var esl = Path.Combine(work, variable + ".esl");
                await MediaTool.RunAsync("cert-to-efi-sig-list", ["-g", owner, pem, esl], cancellationToken, $"writing {variable}.esl");
                if (extra is not null && extra.TryGetValue(variable, out var certificates))
                {
                    await AppendMicrosoftAsync(esl, certificates, work, cancellationToken);
                    log($"{variable}: {certificates.Count} certificate(s) from --ms-certs added");
                }
            }

            foreach (var (variable, signer) in Variables)
            {
                await MediaTool.RunAsync("sign-efi-sig-list", ["-g", owner, "-k", Path.Combine(work, signer + ".key"), "-c", Path.Combine(work, signer + ".pem"), variable, Path.Combine(work, variable + ".esl"), Path.Combine(work, variable + ".auth")], cancellationToken, $"signing {variable}.auth with {signer}");
            }

            log("TPM PCR policy key (RSA 2048)");
            await MediaTool.RunAsync("openssl", ["genrsa", "-out", Path.Combine(work, PcrKey), "2048"], cancellationToken, "making the PCR policy key");
            var written = new List<string>();
            foreach (var file in FileNames)
            {
                var target = Path.Combine(Path.GetFullPath(output), file);
                if (file.EndsWith(".key", StringComparison.Ordinal) || file == PcrKey)
                {
                    File.SetUnixFileMode(Path.Combine(work, file), UnixFileMode.UserRead | UnixFileMode.UserWrite);
                }

                File.Move(Path.Combine(work, file), target);
                written.Add(target);
            }

            return written;
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    /// <summary><c>DIR/KEK/*</c> and <c>DIR/db/*</c>: certificates (PEM or DER) added to those lists; anything else there is an error naming the file.</summary>
    private static Dictionary<string, IReadOnlyList<string>> MicrosoftCertificates(string directory)
    {
        if (!Directory.Exists(directory))
        {
            throw MediaException.Input($"--ms-certs: directory '{directory}' does not exist");
        }

        var found = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var variable in new[] { "KEK", "db" })
        {
            var sub = Path.Combine(directory, variable);
            var files = Directory.Exists(sub) ? Directory.GetFiles(sub).Order(StringComparer.Ordinal).ToList() : [];
            foreach (var file in files)
            {
                try
                {
                    using var _ = System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadCertificateFromFile(file);
                }
                catch (Exception e) when (e is System.Security.Cryptography.CryptographicException or IOException or UnauthorizedAccessException)
                {
                    throw MediaException.Input($"--ms-certs: {file} is not a certificate (PEM or DER): {e.Message}");
                }
            }

            found[variable] = files;
        }

        return found.Values.All(f => f.Count == 0)
            ? throw MediaException.Input($"--ms-certs {directory}: no certificates in {directory}/KEK or {directory}/db")
            : found;
    }

    private static async Task AppendMicrosoftAsync(string esl, IReadOnlyList<string> certificates, string work, CancellationToken cancellationToken)
    {
        var index = 0;
        foreach (var certificate in certificates)
        {
            var pem = Path.Combine(work, $"ms-{index}.pem");
            var part = Path.Combine(work, $"ms-{index++}.esl");
            using (var loaded = System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadCertificateFromFile(certificate))
            {
                await File.WriteAllTextAsync(pem, loaded.ExportCertificatePem(), cancellationToken);
            }

            await MediaTool.RunAsync("cert-to-efi-sig-list", ["-g", MicrosoftOwner, pem, part], cancellationToken, $"converting {certificate}");
            await using (var target = new FileStream(esl, FileMode.Append))
            await using (var source = File.OpenRead(part))
            {
                await source.CopyToAsync(target, cancellationToken);
            }

            File.Delete(pem);
            File.Delete(part);
        }
    }
}
