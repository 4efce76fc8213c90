using System.Buffers.Binary;
using Kairos.Stages.FrontEnd.Sources;

namespace Kairos.Stages.Media.Disk;

/// <summary>
/// COS_CURTIN, the partition a MAAS disk adds (<c>--format maas</c>): curtin takes it as its install target
/// because it holds <c>/curtin</c>, chroots into it for its checks, and runs the hook. The contents are
/// <c>stages/disk/layout.yaml</c>'s <c>maas</c> section: a static busybox from this machine, applet links,
/// stub scripts, the hook, and (made in the image) the mount points curtin binds.
/// </summary>
public static class CurtinPartition
{
    private const ushort MachineX86_64 = 0x3E;
    private const ushort MachineAarch64 = 0xB7;
    private const uint ProgramInterpreter = 3;

    /// <summary>The host's busybox for <paramref name="arch"/>: the first listed that exists, statically linked, for the image's CPU; else a bad-input error saying which.</summary>
    public static string FindBusybox(MaasLanding maas, string arch)
    {
        var path = maas.Busybox.FirstOrDefault(File.Exists)
            ?? throw MediaException.Input($"--format maas: no busybox on this machine ({string.Join(", ", maas.Busybox)}); COS_CURTIN needs a static one (Debian: apt-get install busybox-static)");
        var problem = ElfProblem(File.ReadAllBytes(path), arch == "arm64" ? MachineAarch64 : MachineX86_64);
        return problem is null ? path : throw MediaException.Input($"--format maas: {path} {problem}; COS_CURTIN needs a statically linked busybox for {arch} (Debian: busybox-static)");
    }

    /// <summary>Fills <paramref name="directory"/> with COS_CURTIN's files (the skeleton is added to the image by the caller).</summary>
    public static void Stage(string directory, MaasLanding maas, string busybox, IStageSource stages)
    {
        var hook = stages.ReadText(maas.Hook) ?? throw MediaException.Input($"{stages.DisplayPath(maas.Hook)}: missing (the MAAS curtin hook)");
        Write(directory, maas.BusyboxPath, File.ReadAllBytes(busybox), "0755");
        foreach (var (path, target) in maas.Links)
        {
            var link = Inside(directory, path);
            Directory.CreateDirectory(Path.GetDirectoryName(link)!);
            File.CreateSymbolicLink(link, target);
        }

        foreach (var (path, text) in maas.Scripts)
        {
            Write(directory, path, System.Text.Encoding.UTF8.GetBytes(text), "0755");
        }

        Write(directory, maas.HookPath, System.Text.Encoding.UTF8.GetBytes(hook), maas.HookMode);
    }

    /// <summary>Why an ELF file is not a static executable for <paramref name="machine"/>, or null.</summary>
    public static string? ElfProblem(byte[] elf, ushort machine)
    {
        if (elf.Length < 64 || !elf.AsSpan(0, 4).SequenceEqual("\u007fELF"u8) || elf[4] != 2 || elf[5] != 1)
        {
            return "is not a 64-bit little-endian ELF executable";
        }

        if (BinaryPrimitives.ReadUInt16LittleEndian(elf.AsSpan(0x12)) != machine)
        {
            return "is built for another CPU";
        }

        var offset = BinaryPrimitives.ReadUInt64LittleEndian(elf.AsSpan(0x20));
        var size = BinaryPrimitives.ReadUInt16LittleEndian(elf.AsSpan(0x36));
        var count = BinaryPrimitives.ReadUInt16LittleEndian(elf.AsSpan(0x38));
        for (var i = 0UL; i < count; i++)
        {
            var at = offset + (i * size);
            if (at + 4 > (ulong)elf.Length)
            {
                return "has a truncated program header table";
            }

            if (BinaryPrimitives.ReadUInt32LittleEndian(elf.AsSpan((int)at)) == ProgramInterpreter)
            {
                return "is dynamically linked (it names a program interpreter)";
            }
        }

        return null;
    }

    private static void Write(string directory, string path, byte[] bytes, string mode)
    {
        var file = Inside(directory, path);
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        File.WriteAllBytes(file, bytes);
        File.SetUnixFileMode(file, (UnixFileMode)Convert.ToInt32(mode, 8));
    }

    private static string Inside(string directory, string path) =>
        path.Split('/').Any(p => p is "" or "." or "..")
            ? throw MediaException.Input($"stages/disk/layout.yaml maas: '{path}' must be a relative path without . or ..")
            : Path.Combine(directory, path);
}
