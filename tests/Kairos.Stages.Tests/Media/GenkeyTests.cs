using System.Security.Cryptography.X509Certificates;

namespace Kairos.Stages.Tests.Media;

/// <summary>genkey: AuroraBoot's key layout, certificates as asked, .auth files efitools can read back, and no overwriting.</summary>
public sealed class GenkeyTests
{
    [Fact]
    public async Task Writes_pk_kek_db_and_the_pcr_key_and_refuses_to_overwrite_them()
    {
        if (UkiTools.Unavailable() is { } why)
        {
            Assert.Skip(why);
        }

        var output = Directory.CreateTempSubdirectory("ks-genkey-").FullName;
        try
        {
            var result = await UkiTools.GenkeyAsync("acme", "--output", output, "--expiration-in-days", "30");
            Assert.True(result.Code == 0, result.Error);
            string[] expected = ["KEK.auth", "KEK.der", "KEK.esl", "KEK.key", "KEK.pem", "PK.auth", "PK.der", "PK.esl", "PK.key", "PK.pem", "db.auth", "db.der", "db.esl", "db.key", "db.pem", "tpm2-pcr-private.pem"];
            Assert.Equal(expected, IsoTools.Leftovers(output).Order(StringComparer.Ordinal));
            foreach (var variable in new[] { "PK", "KEK", "db" })
            {
                using var pem = X509CertificateLoader.LoadCertificateFromFile(Path.Combine(output, variable + ".pem"));
                Assert.Equal($"CN=acme-{variable}", pem.Subject);
                Assert.InRange((pem.NotAfter - pem.NotBefore).TotalDays, 29.9, 30.1);
                Assert.Equal(pem.RawData, await File.ReadAllBytesAsync(Path.Combine(output, variable + ".der"), TestContext.Current.CancellationToken));
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(output, variable + ".key")));

                // the signed list holds the certificate
                Assert.True((await File.ReadAllBytesAsync(Path.Combine(output, variable + ".auth"), TestContext.Current.CancellationToken)).AsSpan().IndexOf(pem.RawData) >= 0, variable + ".auth");
            }

            var again = await UkiTools.GenkeyAsync("acme", "--output", output);
            Assert.Equal(2, again.Code);
            Assert.Contains("genkey never overwrites keys", again.Error);
        }
        finally
        {
            Directory.Delete(output, recursive: true);
        }
    }

    [Fact]
    public async Task Name_with_a_slash_and_a_missing_ms_certs_directory_exit_2()
    {
        var output = Directory.CreateTempSubdirectory("ks-genkey-bad-").FullName;
        try
        {
            var slash = await UkiTools.GenkeyAsync("a/b", "--output", output);
            Assert.Equal(2, slash.Code);
            Assert.Contains("NAME 'a/b'", slash.Error);
            var ms = await UkiTools.GenkeyAsync("acme", "--output", output, "--ms-certs", Path.Combine(output, "nope"));
            Assert.Equal(2, ms.Code);
            Assert.Contains("--ms-certs: directory", ms.Error);
            Assert.Empty(IsoTools.Leftovers(output));
        }
        finally
        {
            Directory.Delete(output, recursive: true);
        }
    }
}
