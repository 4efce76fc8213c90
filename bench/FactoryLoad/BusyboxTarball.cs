using System.Formats.Tar;

namespace Kairos.Bench.FactoryLoad;

/// <summary>The base every bench build starts from: a tiny root with static busybox as /bin/sh (the Factory tests' shape).</summary>
public static class BusyboxTarball
{
    public static byte[] Create(string busybox)
    {
        using var buffer = new MemoryStream();
        using (var tar = new TarWriter(buffer, TarEntryFormat.Pax, leaveOpen: true))
        {
            foreach (var directory in new[] { "bin", "etc", "tmp", "mnt", "proc", "sys", "dev" })
            {
                tar.WriteEntry(new PaxTarEntry(TarEntryType.Directory, directory + "/") { Mode = (UnixFileMode)0x1ED });
            }

            using var binary = File.OpenRead(busybox);
            tar.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, "bin/busybox") { DataStream = binary, Mode = (UnixFileMode)0x1ED });
            foreach (var applet in new[] { "sh", "echo", "cat", "rm", "mkdir", "test", "true", "sleep", "ls" })
            {
                tar.WriteEntry(new PaxTarEntry(TarEntryType.SymbolicLink, "bin/" + applet) { LinkName = "busybox" });
            }

            tar.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, "etc/os-release")
            {
                DataStream = new MemoryStream("ID=busybox\nVERSION_ID=1\n"u8.ToArray()),
                Mode = (UnixFileMode)0x1A4,
            });
        }

        return buffer.ToArray();
    }
}
