using System.Formats.Tar;

namespace Kairos.Stages.Media;

/// <summary>
/// Turns build-iso's SOURCE into a root directory: <c>dir:PATH</c> as it is; <c>ocifile:PATH</c>
/// (an OCI or docker archive, as <c>podman save</c>/<c>docker save</c> write) copied into an OCI
/// layout with skopeo and unpacked with umoci, which apply whiteouts, hard links and ownership; a
/// bare name is saved from the local podman (or docker) store by <see cref="LocalImage"/> and unpacked the same way.
/// </summary>
public static class ImageSourceResolver
{
    public static async Task<SourceRoot> ResolveAsync(string source, string workParent, Action<string> log, CancellationToken cancellationToken)
    {
        if (source.StartsWith("dir:", StringComparison.Ordinal))
        {
            var path = Path.GetFullPath(source[4..]);
            return Directory.Exists(path) ? new SourceRoot(path, null) : throw MediaException.Input($"source {source}: directory '{path}' does not exist");
        }

        var temp = WorkDirectories.Create(workParent, "source-");
        try
        {
            string archive;
            if (source.StartsWith("ocifile:", StringComparison.Ordinal))
            {
                archive = Path.GetFullPath(source[8..]);
            }
            else if (source.Contains(':', StringComparison.Ordinal) && source.Split(':')[0] is "oci" or "docker" or "file")
            {
                throw MediaException.Input($"source {source}: this machine has no registry access; save the image and use ocifile:PATH, or give a local image name");
            }
            else
            {
                archive = await LocalImage.SaveAsync(source, temp, log, cancellationToken);
            }

            var transport = ArchiveTransport(archive, source);
            var layout = Path.Combine(temp, "layout");
            log($"unpacking {source} ({transport}) with skopeo and umoci");
            await MediaTool.RunAsync("skopeo", ["copy", "--quiet", $"{transport}:{archive}", $"oci:{layout}:image"], cancellationToken, $"reading {source}");
            if (archive.StartsWith(temp + "/", StringComparison.Ordinal))
            {
                // the engine's saved copy: the layout holds the same blobs now
                File.Delete(archive);
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
