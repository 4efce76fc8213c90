using System.Diagnostics;
using Kairos.Stages.Tests.EndToEnd;
using Kairos.Stages.Tests.Support;

namespace Kairos.Stages.Tests.Containers;

/// <summary>
/// examples/rpi4 built by podman for arm64 on this x86_64 machine, as its header says to build it but with podman:
/// <c>podman build --platform linux/arm64 --build-arg BASE_IMAGE=…</c>, the Dockerfile unchanged. The base is a
/// debootstrap'd Debian 12 arm64 root imported with <c>podman import --arch arm64</c>, the <c>kairos-stages</c> image
/// holds the arm64 binary and the arm64 artifacts it fetches, and every RUN line runs under qemu-user through binfmt_misc.
/// The arm64 lane: skips without the arm64 binary, and in a CI run without KAIROS_CI_ARM64=1.
/// </summary>
[Collection("Arm64Podman")] // the arm64 lane's own process runs its collections side by side
[Arm64Lane]
[Slow(SlowKind.Engine)]
public sealed class PodmanArm64ExampleBuildTests
{
    private const string BaseTag = "localhost/debian-arm64:12";
    private const string Tag = "localhost/kairos-rpi4:1.0.0";

    /// <summary>Why this cannot run here, or null: the arm64 lane's gate first, so a CI run without the lane skips.</summary>
    private static string? Unavailable() =>
        PublishedBinary.MissingArm64() ?? Emulation.Arm64Unavailable() ?? DebianRoot.Unavailable() ?? PodmanStorage.Unavailable();

    [Fact]
    public void Rpi4_example_built_by_podman_for_linux_arm64_is_an_arm64_Pi_image_that_validated()
    {
        if (Unavailable() is { } why)
        {
            Assert.Skip(why);
        }

        // arrange: the arm64 base and kairos-stages images in a private store
        using var podman = new PodmanStorage();
        var clock = Stopwatch.StartNew();
        using (var root = DebianRoot.Create("arm64"))
        {
            var imported = podman.Piped(["tar", "-C", root.Path, "-c", "."], "import", "--arch", "arm64", "-", BaseTag);
            Assert.True(imported.Code == 0, imported.Tail);
        }

        Assert.Equal("arm64 linux", Platform(podman, BaseTag));
        var artifacts = KairosStagesImage.Build(podman, PublishedBinary.Arm64Path, "arm64");
        Assert.Equal("arm64 linux", Platform(podman, KairosStagesImage.Tag));
        Assert.Contains(artifacts, a => a.StartsWith("kairos-agent-", StringComparison.Ordinal) && a.Contains("-arm64", StringComparison.Ordinal));
        var prepared = clock.Elapsed;

        // act: the example as written, for linux/arm64
        var directory = Path.Combine(KairosStagesImage.RepositoryDirectory, "examples", "rpi4");
        var result = podman.Run([
            "build", "--pull=never", "--platform", "linux/arm64", "--network", "host", "--isolation", "oci", .. PodmanStorage.Limits,
            "--build-arg", $"BASE_IMAGE={BaseTag}", "-t", Tag, "-f", Path.Combine(directory, "Dockerfile"), directory,
        ]);
        Directory.CreateDirectory(BootLogs.Directory);
        File.WriteAllText(Path.Combine(BootLogs.Directory, "podman-arm64-rpi4-build.log"), $"exit {result.Code}\n{result.Output}");
        Assert.True(result.Code == 0, $"podman build --platform linux/arm64 examples/rpi4 exited {result.Code}:\n{result.Tail}");

        // assert: the last RUN (validate) ran in the build and passed, on an arm64 image
        var build = new PodmanBuild(Tag, result);
        var last = build.FinalStageSteps()[^1];
        Assert.StartsWith("RUN /kairos-stages/kairos-stages validate -m rpi4", last.Instruction, StringComparison.Ordinal);
        Assert.False(last.Cached, "validate came from the cache, not from this build");
        Assert.Contains(", 0 failed", result.Output);
        Assert.Equal("arm64 linux", Platform(podman, Tag));

        // the image's own programs run here under emulation, as an arm64 machine would run them
        var uname = podman.Run(["run", "--rm", "--platform", "linux/arm64", "--network", "none", .. PodmanStorage.Limits, Tag, "uname", "-m"]);
        Assert.True(uname.Code == 0, uname.Tail);
        Assert.Equal("aarch64", uname.Output.Trim().Split('\n')[^1]);

        ImageChecks.OnFiles(podman, Tag, root =>
        {
            string In(string path) => Path.Combine(root, path.TrimStart('/'));
            var release = File.ReadAllText(In("/etc/kairos-release"));
            Assert.Contains("KAIROS_ARCH=\"arm64\"\n", release);
            Assert.Contains("KAIROS_MODEL=\"rpi4\"\n", release);
            Assert.Contains("KAIROS_VERSION=\"v1.0.0\"\n", release);
            var link = new FileInfo(In("/boot/vmlinuz")).LinkTarget ?? "/boot/vmlinuz";
            var kernel = link.StartsWith('/') ? link : "/boot/" + link;
            Assert.Contains("Linux kernel ARM64 boot executable", Programs.Run("file", "-b", In(kernel)));
            Assert.Contains("ARM aarch64", Programs.Run("file", "-b", In("/usr/bin/dpkg")));
            Assert.True(File.Exists(In("/usr/lib/raspi-firmware/start4.elf")), "the Pi 4 GPU firmware (start4.elf) from raspi-firmware");
            Assert.True(File.Exists(In("/usr/bin/kairos-agent")), "kairos-agent (test fixture) installed from /kairos-stages/artifacts");
            Assert.False(Directory.Exists(In("/kairos-stages")), "the Dockerfile's last RUN removes the tool");
            ImageChecks.AssertRecordShowsEveryStep(In("/etc/kairos/kairos-stages/run.json"));
        });

        Figures.Report(
            "podman-arm64-rpi4",
            1,
            1,
            result.Elapsed,
            $"examples/rpi4, podman build --platform linux/arm64 (qemu-user), OCI isolation: base and kairos-stages images {prepared.TotalSeconds:0} s before it");
    }

    private static string Platform(PodmanStorage podman, string tag) =>
        podman.Check("image", "inspect", "--format", "{{.Architecture}} {{.Os}}", tag).Output.Trim().Split('\n')[^1];
}
