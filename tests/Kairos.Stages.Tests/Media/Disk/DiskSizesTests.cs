using Kairos.Stages.Media.Disk;

namespace Kairos.Stages.Tests.Media.Disk;

/// <summary>The root's measure sizes recovery.img and so the whole disk: symbolic links are entries, never followed.</summary>
public sealed class DiskSizesTests
{
    [Fact]
    public void A_usrmerge_link_and_an_absolute_link_count_as_entries_not_as_what_they_point_at()
    {
        var root = Directory.CreateTempSubdirectory("ks-disk-sizes-").FullName;
        try
        {
            // usr/lib/big (1 MiB), lib -> usr/lib (Debian's usrmerge), host -> /usr (absolute: this machine's /usr from outside the root)
            Directory.CreateDirectory(Path.Combine(root, "usr", "lib"));
            File.WriteAllBytes(Path.Combine(root, "usr", "lib", "big"), new byte[1 << 20]);
            File.CreateSymbolicLink(Path.Combine(root, "lib"), "usr/lib");
            File.CreateSymbolicLink(Path.Combine(root, "host"), "/usr");

            // five entries of one block each, and the file's data once
            Assert.Equal((5 * 4096) + (1 << 20), DiskSizes.RootBytes(root));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
