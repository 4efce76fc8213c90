using Kairos.Stages.Target.Context;

namespace Kairos.Stages.Tests.Context;

public sealed class ElfArchTests
{
    private static byte[] Header(byte elfClass, byte data, ushort machine)
    {
        var header = new byte[64];
        header[0] = 0x7f;
        header[1] = (byte)'E';
        header[2] = (byte)'L';
        header[3] = (byte)'F';
        header[4] = elfClass;
        header[5] = data;
        if (data == 1)
        {
            header[18] = (byte)(machine & 0xff);
            header[19] = (byte)(machine >> 8);
        }
        else
        {
            header[18] = (byte)(machine >> 8);
            header[19] = (byte)(machine & 0xff);
        }

        return header;
    }

    [Theory]
    [InlineData(2, 1, 0x3E, "amd64")]
    [InlineData(2, 1, 0xB7, "arm64")]
    [InlineData(2, 1, 0xF3, "riscv64")]
    [InlineData(1, 1, 0x28, "arm")]
    [InlineData(1, 1, 0x03, "386")]
    [InlineData(2, 1, 0x15, "ppc64le")]
    [InlineData(2, 2, 0x16, "s390x")]
    public void Machine_field_maps_to_go_arch(byte elfClass, byte data, ushort machine, string arch)
    {
        // act and assert
        Assert.Equal(arch, ElfArch.FromHeader(Header(elfClass, data, machine)));
    }

    [Fact]
    public void Non_elf_file_is_not_recognised()
    {
        // act and assert
        Assert.Null(ElfArch.FromHeader("#!/bin/sh\necho hello world\n"u8));
    }

    [Fact]
    public void Root_arch_comes_from_bin_sh_through_a_symlink_inside_the_root()
    {
        // arrange
        using var root = new TempRoot();
        Directory.CreateDirectory(Path.Combine(root.Path, "usr", "bin"));
        File.WriteAllBytes(Path.Combine(root.Path, "usr", "bin", "busybox"), Header(2, 1, 0xB7));
        root.Link("bin", "usr/bin");
        root.Link("usr/bin/sh", "/usr/bin/busybox");

        // act
        var arch = ElfArch.ForRoot(root.Path);

        // assert
        Assert.Equal("arm64", arch);
    }

    [Fact]
    public void Root_without_a_shell_uses_the_process_arch()
    {
        // arrange
        using var root = new TempRoot();

        // act and assert
        Assert.Equal(ElfArch.Process(), ElfArch.ForRoot(root.Path));
    }
}
