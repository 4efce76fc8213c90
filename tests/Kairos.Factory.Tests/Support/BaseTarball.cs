using System.Formats.Tar;

namespace Kairos.Factory.Tests.Support;

/// <summary>A tiny base root (static busybox as /bin/sh and friends) as a tar, for uploads and podman imports.</summary>
internal static class BaseTarball
{
    public static byte[] Busybox(int paddingBytes = 0)
    {
        using var buffer = new MemoryStream();
        using (var tar = new TarWriter(buffer, TarEntryFormat.Pax, leaveOpen: true))
        {
            foreach (var directory in new[] { "bin", "etc", "tmp", "mnt", "proc", "sys", "dev" })
            {
                tar.WriteEntry(new PaxTarEntry(TarEntryType.Directory, directory + "/") { Mode = (UnixFileMode)0x1ED });
            }

            tar.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, "bin/busybox") { DataStream = File.OpenRead("/bin/busybox"), Mode = (UnixFileMode)0x1ED });
            foreach (var applet in new[] { "sh", "echo", "cat", "rm", "mkdir", "test", "true", "sleep", "ls" })
            {
                tar.WriteEntry(new PaxTarEntry(TarEntryType.SymbolicLink, "bin/" + applet) { LinkName = "busybox" });
            }

            tar.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, "etc/os-release")
            {
                DataStream = new MemoryStream("ID=busybox\nVERSION_ID=1\n"u8.ToArray()),
                Mode = (UnixFileMode)0x1A4,
            });
            if (paddingBytes > 0)
            {
                var random = new byte[paddingBytes];
                Random.Shared.NextBytes(random);
                tar.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, "padding.bin") { DataStream = new MemoryStream(random) });
            }
        }

        return buffer.ToArray();
    }
}
