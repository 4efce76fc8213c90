using System.Net;
using Kairos.Factory.Tests.Support;

namespace Kairos.Factory.Tests.Hardening;

/// <summary>Issue 25, item 12: <c>--tls-cert/--tls-key</c> serve HTTPS with Kestrel (a self-signed certificate made by openssl).</summary>
public sealed class TlsTests
{
    [Fact]
    public async Task With_a_certificate_and_key_the_server_answers_over_https_only()
    {
        var dataDir = Directory.CreateTempSubdirectory("kf-tls-").FullName;
        var keys = Directory.CreateTempSubdirectory("kf-tls-keys-").FullName;
        try
        {
            var cert = Path.Combine(keys, "cert.pem");
            var key = Path.Combine(keys, "key.pem");
            Programs.Run("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1", "-keyout", key, "-out", cert);
            using var server = new FactoryServer(dataDir, ServerBuilds.Flags("stages-ok.sh", "--tls-cert", cert, "--tls-key", key));
            using var https = new HttpClient(new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, certificate, _, _) => certificate?.Subject == "CN=127.0.0.1" })
            {
                BaseAddress = new Uri($"https://127.0.0.1:{server.Port}"),
            };

            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
            HttpResponseMessage? health = null;
            while (health is null)
            {
                Assert.False(server.HasExited, server.Output);
                try
                {
                    health = await https.GetAsync("/api/v1/healthz");
                }
                catch (HttpRequestException)
                {
                    Assert.True(DateTime.UtcNow < deadline, "never answered over https: " + server.Output);
                    await Task.Delay(200);
                }
            }

            using (health)
            {
                Assert.Equal(HttpStatusCode.OK, health.StatusCode);
            }

            Assert.Contains($"Kairos Factory on https://127.0.0.1:{server.Port}", server.Output, StringComparison.Ordinal);
            await Assert.ThrowsAnyAsync<HttpRequestException>(() => server.Client.GetAsync("/api/v1/healthz"));
        }
        finally
        {
            ServerBuilds.RemoveDataDir(dataDir);
            Directory.Delete(keys, recursive: true);
        }
    }
}
