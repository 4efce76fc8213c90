namespace Kairos.Stages.Media;

/// <summary>
/// <c>oci:NAME</c>: an image in a registry, copied with <c>skopeo copy docker://NAME</c> into an OCI layout
/// (the image for this machine's architecture when NAME is a multi-architecture index). A registry on the
/// loopback address (<c>localhost</c>, <c>127.x.x.x</c>, <c>[::1]</c>) is spoken to over plain HTTP when it
/// has no TLS, as AuroraBoot's registry client does; any other registry must have a certificate this machine trusts.
/// </summary>
public static class RegistryImage
{
    public static async Task PullAsync(string source, string name, string layout, Action<string> log, CancellationToken cancellationToken)
    {
        string[] tls = Loopback(name) ? ["--src-tls-verify=false"] : [];
        log($"pulling {name} from its registry with skopeo");
        await MediaTool.RunAsync("skopeo", ["copy", "--quiet", .. tls, $"docker://{name}", $"oci:{layout}:image"], cancellationToken, $"pulling {source}");
    }

    /// <summary>True when the reference's first component names a registry on this machine's loopback address.</summary>
    public static bool Loopback(string name)
    {
        var slash = name.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0)
        {
            return false;
        }

        var host = name[..slash];
        host = host.StartsWith('[') ? host[..(host.IndexOf(']', StringComparison.Ordinal) + 1)] : host.Split(':')[0];
        return host is "localhost" or "[::1]" || (host.StartsWith("127.", StringComparison.Ordinal) && System.Net.IPAddress.TryParse(host, out _));
    }
}
