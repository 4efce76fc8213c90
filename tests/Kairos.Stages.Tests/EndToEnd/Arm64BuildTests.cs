using Kairos.Stages.Target.Context;
using Kairos.Stages.Tests.Support;

namespace Kairos.Stages.Tests.EndToEnd;

/// <summary>
/// arm64 on this amd64 machine, as <c>docker build --platform linux/arm64</c> runs it: the arm64 NativeAOT binary
/// (cross-compiled by <c>build/publish.sh linux-arm64</c>) inside a Debian 12 arm64 root, as two RUN lines and
/// <c>validate</c> (<see cref="Arm64Image"/>, shared with the AAVMF boot), for the generic model and the Raspberry Pi 4.
/// </summary>
[Collection("EndToEnd")]
[Slow(SlowKind.Chroot)]
public sealed class Arm64BuildTests(Arm64Image image)
{
    [Fact]
    public async Task The_arm64_binary_inside_an_arm64_root_builds_a_valid_arm64_image()
    {
        var build = await BuiltAsync("generic");

        // assert: a Kairos-ready image, and an arm64 one all through
        DebianImage.AssertKairosReady(build.Root, "arm64");
        Assert.Equal("arm64", ElfArch.FromFile(Path.Combine(build.Root.Path, "usr/bin/dpkg")));
        Assert.Contains("arm64", build.Root.Chroot("dpkg", "--print-architecture"));
        var release = await File.ReadAllTextAsync(Path.Combine(build.Root.Path, "etc/kairos-release"), TestContext.Current.CancellationToken);
        Assert.Contains("KAIROS_ARCH=\"arm64\"\n", release);
        Assert.Contains("KAIROS_TARGETARCH=\"arm64\"\n", release);
        Assert.Contains("KAIROS_MODEL=\"generic\"\n", release);
        foreach (var name in new[] { "kairos-agent", "immucore" })
        {
            Assert.Contains(build.Fetched, k => k.StartsWith(name + "-", StringComparison.Ordinal) && k.Contains("arm64", StringComparison.Ordinal));
        }

        Assert.Contains("Linux kernel ARM64 boot executable", build.Root.Chroot("file", "-L", "/boot/vmlinuz"));
    }

    [Fact]
    public async Task The_rpi4_model_installs_the_Pi_firmware_and_validates()
    {
        var build = await BuiltAsync("rpi4");

        // assert: Debian's Pi packages (linux-image-arm64 carries the Pi device trees; raspi-firmware the GPU firmware; u-boot-rpi the U-Boot build-disk's Pi disk boots)
        foreach (var package in new[] { "linux-image-arm64", "raspi-firmware", "firmware-linux-free", "u-boot-rpi" })
        {
            Assert.Contains("Status: install ok installed", build.Root.Chroot("dpkg", "-s", package));
        }

        var release = await File.ReadAllTextAsync(Path.Combine(build.Root.Path, "etc/kairos-release"), TestContext.Current.CancellationToken);
        Assert.Contains("KAIROS_MODEL=\"rpi4\"\n", release);
        Assert.Contains("KAIROS_ARCH=\"arm64\"\n", release);
        Assert.True(File.Exists(Path.Combine(build.Root.Path, "usr/lib/raspi-firmware/start4.elf")), "the Pi 4 GPU firmware (start4.elf) from raspi-firmware");
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(build.Root.Path, "usr/lib"), "bcm2711-rpi-4-b.dtb", SearchOption.AllDirectories));
        Assert.True(File.Exists(Path.Combine(build.Root.Path, "usr/lib/u-boot/rpi_4/u-boot.bin")), "U-Boot for the Pi 4, which build-disk --model rpi4 requires");
        Assert.Contains("Linux kernel ARM64 boot executable", build.Root.Chroot("file", "-L", "/boot/vmlinuz"));
    }

    private async Task<Arm64Image.Build> BuiltAsync(string model)
    {
        if (Arm64Image.Unavailable() is { } why)
        {
            Assert.Skip(why);
        }

        Assert.Equal("arm64", ElfArch.FromFile(PublishedBinary.Arm64Path));
        var build = await image.BuildAsync(model);
        Assert.True(build.Install.Code == 0, build.Install.Error);
        Assert.True(build.Init.Code == 0, build.Init.Error);
        Assert.True(build.Validate.Code == 0, build.Validate.Output + build.Validate.Error);
        Figures.Report($"e2e-arm64-{model}", 1, 1, build.Elapsed, build.Timings);
        return build;
    }
}
