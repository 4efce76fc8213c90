namespace Kairos.Stages.Tests.Media.Disk;

/// <summary>The fake Kairos root of the ISO tests plus what build-disk also reads: the GRUB menu and the EFI shim and grub (only bytes). It cannot boot.</summary>
internal static class FakeDiskRoot
{
    public static FakeKairosRoot Create()
    {
        var root = new FakeKairosRoot();
        File.Delete(root.In("proc/1/status"));
        root.Write("etc/cos/grub.cfg", File.ReadAllText(Path.Combine(Support.Golden.ProjectDirectory, "../../stages/assets/grub/grub.cfg")));
        root.Write("usr/lib/shim/shimx64.efi.signed", "not a shim\n");
        root.Write("usr/lib/grub/x86_64-efi-signed/grubx64.efi.signed", "not a disk grub\n");
        root.Write("usr/lib/grub/x86_64-efi-signed/gcdx64.efi.signed", "not the CD grub\n");
        root.Write("usr/share/data", new string('k', 3 * 1024 * 1024));
        foreach (var entry in Directory.EnumerateFileSystemEntries(root.Path, "*", SearchOption.AllDirectories).Append(root.Path))
        {
            if (new FileInfo(entry).LinkTarget is null)
            {
                File.SetLastWriteTimeUtc(entry, new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc));
            }
        }

        return root;
    }
}
