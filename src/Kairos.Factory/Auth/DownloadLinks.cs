using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Kairos.Factory.Auth;

/// <summary>
/// Short-lived download links: <c>?expires=UNIX-SECONDS&amp;signature=…</c>, an HMAC-SHA256 over the build id, the
/// artifact name and the expiry with a key made at start (links die with the process). A browser link then carries
/// no token (history, the DOM, proxy logs and Referer see only a link to one file that soon expires). Checked in
/// constant time; an expiry in the past or further ahead than the lifetime is refused before any hashing counts.
/// </summary>
public sealed class DownloadLinks(FactoryOptions options, TimeProvider clock)
{
    private readonly byte[] _key = RandomNumberGenerator.GetBytes(32);

    public TimeSpan Lifetime => options.DownloadLinkLifetime;

    /// <summary>The signed path of one artifact, valid for <see cref="Lifetime"/> from now.</summary>
    public string Sign(string id, string name)
    {
        var expires = clock.GetUtcNow().Add(Lifetime).ToUnixTimeSeconds();
        return $"/api/v1/builds/{id}/artifacts/{Uri.EscapeDataString(name)}?expires={expires}&signature={Base64Url(Mac(id, name, expires))}";
    }

    /// <summary>True when <paramref name="signature"/> is this server's for the file and <paramref name="expires"/> is not past nor beyond the lifetime.</summary>
    public bool Verify(string id, string name, string? expires, string? signature)
    {
        if (expires is not { Length: > 0 and <= 12 } || !long.TryParse(expires, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || signature is not { Length: 43 })
        {
            return false;
        }

        var now = clock.GetUtcNow().ToUnixTimeSeconds();
        if (seconds < now || seconds > now + (long)Lifetime.TotalSeconds)
        {
            return false;
        }

        // the text as Sign wrote it, compared whole: 43 characters carry 258 bits for the MAC's 256, so a decoder
        // would also take the same bytes spelt with other low bits in the last character (a second link to one file)
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(signature), Encoding.ASCII.GetBytes(Base64Url(Mac(id, name, seconds))));
    }

    private byte[] Mac(string id, string name, long expires) =>
        HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes($"{id}\n{name}\n{expires.ToString(CultureInfo.InvariantCulture)}"));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
