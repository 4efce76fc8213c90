using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace Kairos.Stages.Target.Context;

/// <summary>Finds a root's architecture from the ELF header (e_machine) of its <c>/bin/sh</c>, as a Go arch name.</summary>
public static class ElfArch
{
    /// <summary>Go arch of the ELF file at <paramref name="path"/>, or null when it is not a recognised ELF binary.</summary>
    public static string? FromFile(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            var header = new byte[20];
            return stream.ReadAtLeast(header, header.Length, throwOnEndOfStream: false) == header.Length ? FromHeader(header) : null;
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    public static string? FromHeader(ReadOnlySpan<byte> header)
    {
        if (header.Length < 20 || header[0] != 0x7f || header[1] != (byte)'E' || header[2] != (byte)'L' || header[3] != (byte)'F')
        {
            return null;
        }

        var is64 = header[4] == 2;
        var machineBytes = header.Slice(18, 2);
        var machine = header[5] == 2 ? BinaryPrimitives.ReadUInt16BigEndian(machineBytes) : BinaryPrimitives.ReadUInt16LittleEndian(machineBytes);
        return machine switch
        {
            0x3E => "amd64",
            0xB7 => "arm64",
            0xF3 => is64 ? "riscv64" : "riscv32",
            0x28 => "arm",
            0x03 => "386",
            0x15 => header[5] == 1 ? "ppc64le" : "ppc64",
            0x16 => "s390x",
            _ => null,
        };
    }

    /// <summary>The arch of <c>ROOT/bin/sh</c> (resolved inside the root), else of the running process.</summary>
    public static string ForRoot(string root)
    {
        var shell = Platform.RootPath.TryResolve(root, "/bin/sh");
        return (shell is null ? null : FromFile(shell)) ?? Process();
    }

    /// <summary>The running process architecture as a Go arch name.</summary>
    public static string Process() => RuntimeInformation.ProcessArchitecture switch
    {
        Architecture.X64 => "amd64",
        Architecture.Arm64 => "arm64",
        Architecture.RiscV64 => "riscv64",
        Architecture.Arm => "arm",
        Architecture.X86 => "386",
        Architecture.Ppc64le => "ppc64le",
        Architecture.S390x => "s390x",
        var other => other.ToString().ToLowerInvariant(),
    };
}
