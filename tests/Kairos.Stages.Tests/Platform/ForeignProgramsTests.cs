using Kairos.Stages.Target.Platform;
using Cpu = System.Runtime.InteropServices.Architecture;

namespace Kairos.Stages.Tests.Platform;

/// <summary>Foreign programs run only natively or through an enabled binfmt_misc handler with the F flag; anything else is named.</summary>
public sealed class ForeignProgramsTests
{
    [Theory]
    [InlineData("enabled\ninterpreter /usr/libexec/qemu-binfmt/aarch64-binfmt-P\nflags: PF\noffset 0\n", null)]
    [InlineData("disabled\ninterpreter /usr/libexec/qemu-binfmt/aarch64-binfmt-P\nflags: PF\n", "is not enabled with the F flag")]
    [InlineData("enabled\ninterpreter /usr/libexec/qemu-binfmt/aarch64-binfmt-P\nflags: P\n", "is not enabled with the F flag")]
    [InlineData(null, "no binfmt_misc handler")]
    public void Arm64_on_an_amd64_host_needs_qemu_aarch64_enabled_with_F(string? handler, string? expected)
    {
        using var binfmt = new TempRoot("ks-binfmt-");
        if (handler is not null)
        {
            File.WriteAllText(Path.Combine(binfmt.Path, "qemu-aarch64"), handler);
        }

        var why = ForeignPrograms.Unavailable("arm64", binfmt.Path, Cpu.X64);

        if (expected is null)
        {
            Assert.Null(why);
        }
        else
        {
            Assert.NotNull(why);
            Assert.Contains(expected, why, StringComparison.Ordinal);
            Assert.Contains(Path.Combine(binfmt.Path, "qemu-aarch64"), why, StringComparison.Ordinal);
            Assert.StartsWith("arm64 programs cannot run on this amd64 machine", why, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_hosts_own_architecture_and_unknown_names_need_nothing_and_amd64_on_arm64_needs_qemu_x86_64()
    {
        using var empty = new TempRoot("ks-binfmt-");

        Assert.Null(ForeignPrograms.Unavailable("amd64", empty.Path, Cpu.X64));
        Assert.Null(ForeignPrograms.Unavailable("arm64", empty.Path, Cpu.Arm64));
        Assert.Null(ForeignPrograms.Unavailable("riscv64", empty.Path, Cpu.X64));
        Assert.Contains("qemu-x86_64", ForeignPrograms.Unavailable("amd64", empty.Path, Cpu.Arm64), StringComparison.Ordinal);
    }
}
