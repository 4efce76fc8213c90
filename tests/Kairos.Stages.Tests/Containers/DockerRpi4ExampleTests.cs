using Kairos.Stages.Tests.Support;

namespace Kairos.Stages.Tests.Containers;

/// <summary>
/// The arm64 lane's Docker build of examples/rpi4 (<see cref="DockerRpi4Image"/>): BuildKit with
/// <c>--platform linux/arm64</c> on an x86_64 dockerd, the example's RUN lines under qemu-user. The image is read back
/// with <c>docker cp</c> (no emulation needed): an arm64 Kairos image for the Pi 4 with the Pi's GPU firmware.
/// </summary>
[Collection("Arm64Docker")] // the arm64 lane's own process runs its collections side by side
[Arm64Lane]
[Slow(SlowKind.Engine)]
public sealed class DockerRpi4ExampleTests(DockerRpi4Image image) : IDisposable
{
    private readonly string _scratch = Directory.CreateTempSubdirectory("ks-docker-rpi4-").FullName;

    public void Dispose() => Directory.Delete(_scratch, recursive: true);

    [Fact]
    public void Rpi4_example_built_for_linux_arm64_by_BuildKit_is_an_arm64_Pi_4_image()
    {
        if (DockerRpi4Image.Unavailable() is { } why)
        {
            Assert.Skip(why);
        }

        // act
        var built = image.Get();

        // assert: both RUN lines ran (install and init, then validate with no failed check), on arm64
        var output = built.Build.Result.Output;
        Assert.Contains("run --stage all --version 1.0.0 -m rpi4", output);
        Assert.Contains(", 0 failed", output);
        // the example's FROM took the arm64 tool image by the name KAIROS_STAGES_IMAGE gave it, not kairos-stages, which
        // names the amd64 one that the other lane's Docker builds use at the same time
        Assert.Contains($"load metadata for docker.io/library/{DockerRpi4Image.StagesArm64Tag}", output);
        Assert.DoesNotContain("load metadata for docker.io/library/kairos-stages:latest", output);
        Assert.Equal("arm64", DockerDaemon.Check("image", "inspect", "--format", "{{.Architecture}}", DockerRpi4Image.Tag).Output.Trim());

        var container = DockerDaemon.Check("create", "--platform", "linux/arm64", "--network", "none", DockerRpi4Image.Tag, "/bin/true").Output.Trim();
        try
        {
            var release = File.ReadAllText(Copy(container, "/etc/kairos-release"));
            Assert.Contains("KAIROS_ARCH=\"arm64\"\n", release);
            Assert.Contains("KAIROS_TARGETARCH=\"arm64\"\n", release);
            Assert.Contains("KAIROS_MODEL=\"rpi4\"\n", release);
            Assert.Contains("KAIROS_VERSION=\"v1.0.0\"\n", release);

            var kernel = Programs.Run("file", "-b", Copy(container, "/boot/vmlinuz"));
            Assert.Contains("Linux kernel ARM64 boot executable", kernel);
            var dpkg = Programs.Run("file", "-b", Copy(container, "/usr/bin/dpkg"));
            Assert.Contains("ARM aarch64", dpkg);
            var agent = Programs.Run("file", "-b", Copy(container, "/usr/bin/kairos-agent"));
            Assert.Contains("script", agent); // the arm64 test fixture, installed from /kairos-stages/artifacts
            Assert.True(new FileInfo(Copy(container, "/usr/lib/raspi-firmware/start4.elf")).Length > 100_000, "start4.elf, the Pi 4 GPU firmware from raspi-firmware");

            // Debian's Pi packages: linux-image-arm64 carries the Pi device trees, raspi-firmware the GPU firmware,
            // u-boot-rpi the U-Boot that build-disk --model rpi4 needs (the Pi disk boot test uses this image)
            var status = File.ReadAllText(Copy(container, "/var/lib/dpkg/status"));
            foreach (var package in new[] { "linux-image-arm64", "raspi-firmware", "firmware-linux-free", "u-boot-rpi" })
            {
                Assert.Matches($"(?m)^Package: {package}\nStatus: install ok installed$", status);
            }

            Assert.True(new FileInfo(Copy(container, "/usr/lib/u-boot/rpi_4/u-boot.bin")).Length > 100_000, "U-Boot for the Pi 4, from u-boot-rpi");
            var trees = DockerDaemon.Check("run", "--rm", "--platform", "linux/arm64", "--network", "none", DockerRpi4Image.Tag,
                "find", "/usr/lib", "-name", "bcm2711-rpi-4-b.dtb").Output;
            Assert.Contains("/bcm2711-rpi-4-b.dtb", trees); // the Pi 4's device tree, from the image's kernel package
            Assert.NotEqual(0, DockerDaemon.Run("cp", $"{container}:/kairos-stages", Path.Combine(_scratch, "gone")).Code); // the last RUN removed the tool
        }
        finally
        {
            DockerDaemon.Run("rm", container);
        }

        var result = built.Build.Result;
        Figures.Report("docker-rpi4-arm64", 1, 1, result.Elapsed, $"examples/rpi4 for linux/arm64 under qemu-user, Docker {built.Docker} + BuildKit; before it: arm64 root + base image {built.Base.TotalSeconds:0} s, kairos-stages arm64 image {built.Stages.TotalSeconds:0} s");
    }

    /// <summary>Copies one file out of the container (symbolic links followed) into the scratch directory.</summary>
    private string Copy(string container, string path)
    {
        var target = Path.Combine(_scratch, Guid.NewGuid().ToString("N") + "-" + Path.GetFileName(path));
        DockerDaemon.Check("cp", "-L", $"{container}:{path}", target);
        return target;
    }
}
