using System.Diagnostics;
using Kairos.Stages.Target.Context;
using Kairos.Stages.Tests.Support;

namespace Kairos.Stages.Tests.EndToEnd;

/// <summary>
/// arm64 on this amd64 machine, as <c>docker build --platform linux/arm64</c> runs it: a debootstrap'd Debian 12 arm64
/// root, the arm64 NativeAOT binary (cross-compiled by <c>build/publish.sh linux-arm64</c>) copied in and run inside it
/// as two RUN lines and <c>validate</c>, every arm64 program executed by qemu-user through binfmt_misc.
/// </summary>
[Collection("EndToEnd")]
[Slow(SlowKind.Chroot)]
public sealed class Arm64BuildTests
{
    private const string Binary = "/kairos-stages/kairos-stages";

    [Fact]
    public async Task The_arm64_binary_inside_an_arm64_root_builds_a_valid_arm64_image()
    {
        if ((DebianRoot.Unavailable() ?? PublishedBinary.MissingArm64() ?? Emulation.Arm64Unavailable()) is { } why)
        {
            Assert.Skip(why);
        }

        // arrange
        var clock = Stopwatch.StartNew();
        Assert.Equal("arm64", ElfArch.FromFile(PublishedBinary.Arm64Path));
        using var root = DebianRoot.Create("arm64");
        var made = clock.Elapsed;
        Directory.CreateDirectory(Path.Combine(root.Path, "kairos-stages"));
        File.Copy(PublishedBinary.Arm64Path, Path.Combine(root.Path, Binary.TrimStart('/')));
        var extensions = Path.Combine(root.Path, "etc/kairos-init/stage-extensions");
        Directory.CreateDirectory(extensions);
        await File.WriteAllTextAsync(Path.Combine(extensions, "10-e2e.yaml"), DebianImage.Extension, TestContext.Current.CancellationToken);
        var artifacts = FixtureArtifacts.Create("arm64");
        using var mirror = new StaticFileServer(artifacts);

        using (new ContainerMounts(root.Path))
        {
            // act: the Dockerfile's two RUN lines and validate, with no --arch: the tool reads it from the root
            var install = root.RunLine(Binary, "run", "--stage", "install", "--artifacts-mirror", mirror.BaseUrl);
            Assert.True(install.Code == 0, install.Error);
            var init = root.RunLine(Binary, "run", "--stage", "init", "--version", "1.0.0", "--artifacts-mirror", mirror.BaseUrl);
            Assert.True(init.Code == 0, init.Error);
            var validate = root.RunLine(Binary, "validate");
            Assert.True(validate.Code == 0, validate.Output + validate.Error);

            // assert: a Kairos-ready image, and an arm64 one all through
            DebianImage.AssertKairosReady(root, "arm64");
            Assert.Equal("arm64", ElfArch.FromFile(Path.Combine(root.Path, "usr/bin/dpkg")));
            Assert.Contains("arm64", root.Chroot("dpkg", "--print-architecture"));
            var release = await File.ReadAllTextAsync(Path.Combine(root.Path, "etc/kairos-release"), TestContext.Current.CancellationToken);
            Assert.Contains("KAIROS_ARCH=\"arm64\"\n", release);
            Assert.Contains("KAIROS_TARGETARCH=\"arm64\"\n", release);
            foreach (var name in new[] { "kairos-agent", "immucore" })
            {
                Assert.Contains(mirror.Hits.Keys, k => k.StartsWith(name + "-", StringComparison.Ordinal) && k.Contains("arm64", StringComparison.Ordinal));
            }

            Assert.Contains("Linux kernel ARM64 boot executable", root.Chroot("file", "-L", "/boot/vmlinuz"));
        }

        Figures.Report("e2e-arm64", 1, 1, clock.Elapsed, $"emulated (qemu-user): debootstrap root {made.TotalSeconds:0} s, build+validate {(clock.Elapsed - made).TotalSeconds:0} s");
    }
}
