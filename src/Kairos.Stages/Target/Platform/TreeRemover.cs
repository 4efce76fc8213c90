using Microsoft.Win32.SafeHandles;

namespace Kairos.Stages.Target.Platform;

/// <summary>rm -rf --one-file-system over descriptors: every level opened O_NOFOLLOW, links unlinked, never followed.</summary>
internal static class TreeRemover
{
    private const byte DirectoryType = 4;
    private const byte UnknownType = 0;

    public static void Remove(SafeFileHandle parent, string name, FileStatus status, string pathForErrors)
    {
        if (status.IsMountRoot)
        {
            throw new IOException($"delete {pathForErrors}: {name} is a mount point; not crossing it");
        }

        using (var dir = Native.OpenAt(parent, name, OpenFlags.ReadOnly | OpenFlags.Directory | OpenFlags.NoFollow))
        {
            var self = Native.Stat(dir, string.Empty, pathForErrors);
            if (self.DevMajor != status.DevMajor || self.DevMinor != status.DevMinor || self.Inode != status.Inode)
            {
                throw new IOException($"delete {pathForErrors}: {name} changed while being removed");
            }

            foreach (var (child, type) in Native.ReadDirectory(dir, pathForErrors))
            {
                if (type is DirectoryType or UnknownType && Native.TryStat(dir, child, out _) is { IsDirectory: true } childStatus)
                {
                    if (childStatus.DevMajor != status.DevMajor || childStatus.DevMinor != status.DevMinor)
                    {
                        throw new IOException($"delete {pathForErrors}: {child} is on another file system; not crossing it");
                    }

                    Remove(dir, child, childStatus, $"{pathForErrors}/{child}");
                }
                else
                {
                    Native.UnlinkAt(dir, child, 0);
                }
            }
        }

        Native.UnlinkAt(parent, name, At.RemoveDir);
    }
}
