namespace Kairos.Stages.Tests.EndToEnd;

/// <summary>
/// What an initramfs unpacks to, read with the root's own lsinitrd: one line per entry (type, mode,
/// link target, path) plus the sha256 of every regular file, the early (microcode) archive included.
/// The archive's mtimes and its compressed bytes are left out on purpose (see DebianChrootBuildTests).
/// </summary>
internal static class InitrdContents
{
    public static IReadOnlySet<string> Read(DebianRoot root, string image)
    {
        var inRoot = "/tmp/ks-initrd-" + Guid.NewGuid().ToString("N")[..12];
        var onHost = Path.Combine(root.Path, inRoot.TrimStart('/'));
        try
        {
            var listing = root.Chroot("sh", "-c",
                $"set -e; mkdir -p {inRoot}/main {inRoot}/early; cd {inRoot}/main; lsinitrd --unpack {image}; cd {inRoot}/early; lsinitrd --unpackearly {image}; " +
                $"cd {inRoot}; LC_ALL=C find . -mindepth 2 -printf '%y %m %l %p\\n' | LC_ALL=C sort; LC_ALL=C find . -mindepth 2 -type f -print0 | LC_ALL=C sort -z | xargs -0 -r sha256sum");
            return listing.Split('\n', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
        }
        finally
        {
            if (Directory.Exists(onHost))
            {
                Directory.Delete(onHost, recursive: true);
            }
        }
    }
}
