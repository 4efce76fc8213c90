using System.Formats.Tar;

namespace Kairos.Stages.Media;

/// <summary>
/// Turns a media command's SOURCE (build-iso, build-uki, build-disk) into a root directory, with
/// AuroraBoot's source grammar: <c>dir:PATH</c> as it is; <c>ocifile:PATH</c> or <c>file:PATH</c> (an OCI
/// or docker archive, as <c>podman save</c>/<c>docker save</c> write); <c>docker:NAME</c> the local Docker
/// daemon's image (<c>docker save</c>); <c>oci:NAME</c> an image in a registry (pulled with skopeo); a bare
/// NAME the local image store (podman's, else the Docker daemon's; never pulled). Images are copied into an
/// OCI layout with skopeo and unpacked with umoci, which apply whiteouts, hard links and ownership.
/// </summary>
public static class ImageSourceResolver
{
    /// <summary>The grammar, for error messages and --help.</summary>
    public const string Grammar = "dir:PATH, ocifile:PATH or file:PATH (an image archive), docker:NAME (the Docker daemon's image), oci:NAME (a registry) or a local image NAME";

    public static async Task<SourceRoot> ResolveAsync(string source, string workParent, Action<string> log, CancellationToken cancellationToken)
    {
        var (scheme, rest) = Split(source);
        if (scheme == "dir")
        {
            var path = Path.GetFullPath(rest);
            return Directory.Exists(path) ? new SourceRoot(path, null) : throw MediaException.Input($"source {source}: directory '{path}' does not exist");
        }

        if (scheme is "oci" or "docker" or null)
        {
            LocalImage.CheckName(source, rest);
        }

        var temp = WorkDirectories.Create(workParent, "source-");
        try
        {
            var layout = Path.Combine(temp, "layout");
            if (scheme == "oci")
            {
                await RegistryImage.PullAsync(source, rest, layout, log, cancellationToken);
            }
            else
            {
                var archive = scheme switch
                {
                    "ocifile" or "file" => Path.GetFullPath(rest),
                    "docker" => await LocalImage.SaveAsync(source, rest, "docker", temp, log, cancellationToken),
                    _ => await LocalImage.SaveAsync(source, rest, null, temp, log, cancellationToken),
                };
                var transport = ArchiveTransport(archive, source);
                log($"unpacking {source} ({transport}) with skopeo and umoci");
                await MediaTool.RunAsync("skopeo", ["copy", "--quiet", $"{transport}:{archive}", $"oci:{layout}:image"], cancellationToken, $"reading {source}");
                if (archive.StartsWith(temp + "/", StringComparison.Ordinal))
                {
                    // the engine's saved copy: the layout holds the same blobs now
                    File.Delete(archive);
                }
            }

            var bundle = Path.Combine(temp, "bundle");
            string[] rootless = Environment.UserName == "root" ? [] : ["--rootless"];
            await MediaTool.RunAsync("umoci", ["unpack", .. rootless, "--image", $"{layout}:image", bundle], cancellationToken, $"unpacking {source}");
            Directory.Delete(layout, recursive: true);
            return new SourceRoot(Path.Combine(bundle, "rootfs"), temp);
        }
        catch
        {
            Directory.Delete(temp, recursive: true);
            throw;
        }
    }

    /// <summary>The scheme (<c>dir</c>, <c>ocifile</c>, <c>file</c>, <c>docker</c>, <c>oci</c>) and the rest; no scheme (null) for a bare image name such as <c>localhost/x:1</c>.</summary>
    private static (string? Scheme, string Name) Split(string source)
    {
        var colon = source.IndexOf(':', StringComparison.Ordinal);
        var scheme = colon < 0 ? null : source[..colon];
        return scheme is "dir" or "ocifile" or "file" or "docker" or "oci" ? (scheme, source[(colon + 1)..]) : (null, source);
    }

    /// <summary><c>oci-archive</c> when the tarball has an <c>index.json</c>, <c>docker-archive</c> when it has a <c>manifest.json</c>; anything else is not an image archive.</summary>
    private static string ArchiveTransport(string archive, string source)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        try
        {
            using var file = File.OpenRead(archive);
            using var reader = new TarReader(file);
            while (reader.GetNextEntry() is { } entry)
            {
                names.Add(entry.Name.TrimStart('.', '/'));
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException or FormatException)
        {
            throw MediaException.Input($"source {source}: cannot read '{archive}' as a tar archive: {e.Message}");
        }

        return names.Contains("index.json") ? "oci-archive"
            : names.Contains("manifest.json") ? "docker-archive"
            : throw MediaException.Input($"source {source}: '{archive}' is a tar archive but neither an OCI archive (index.json) nor a docker archive (manifest.json)");
    }
}
