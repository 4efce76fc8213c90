using Kairos.Stages.Media.Disk;

namespace Kairos.Stages.Tests.Media.Disk;

/// <summary>COS_CURTIN's busybox check on real binaries of this machine: curtin chroots into the partition, so only a static busybox for the image's CPU will do.</summary>
public sealed class CurtinPartitionTests
{
    private static readonly string? Busybox = new[] { "/usr/bin/busybox", "/bin/busybox" }.FirstOrDefault(File.Exists);

    [Fact]
    public void The_static_busybox_of_debians_busybox_static_passes_for_amd64_and_not_for_arm64()
    {
        Assert.SkipWhen(Busybox is null || System.Runtime.InteropServices.RuntimeInformation.OSArchitecture != System.Runtime.InteropServices.Architecture.X64, "needs busybox-static on amd64");
        var bytes = File.ReadAllBytes(Busybox!);

        Assert.Null(CurtinPartition.ElfProblem(bytes, 0x3E));
        Assert.Equal("is built for another CPU", CurtinPartition.ElfProblem(bytes, 0xB7));
    }

    [Fact]
    public void A_dynamically_linked_program_or_a_script_is_refused()
    {
        Assert.SkipWhen(System.Runtime.InteropServices.RuntimeInformation.OSArchitecture != System.Runtime.InteropServices.Architecture.X64, "amd64 host programs");

        Assert.Equal("is dynamically linked (it names a program interpreter)", CurtinPartition.ElfProblem(File.ReadAllBytes("/bin/ls"), 0x3E));
        Assert.Equal("is not a 64-bit little-endian ELF executable", CurtinPartition.ElfProblem("#!/bin/sh\nexit 0\n"u8.ToArray(), 0x3E));
    }
}
