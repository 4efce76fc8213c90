using Kairos.Stages.Tests.EndToEnd;
using Kairos.Stages.Tests.Support;

namespace Kairos.Stages.Tests.Containers;

/// <summary>
/// The README's Dockerfile usage with real Docker + BuildKit (Debian's dockerd and client, DOCKER_BUILDKIT=1): the
/// project's Dockerfile (BUILD=published) makes the kairos-stages image, the example Dockerfiles, unchanged but for
/// build arguments, build on a debootstrap'd Debian 12 root brought in with <c>docker import</c>.
/// </summary>
[Collection("Containers")]
[Slow(SlowKind.Engine)]
public sealed class DockerExampleBuildTests(DockerImages images)
{
    [Fact]
    public void Project_Dockerfile_with_BUILD_published_makes_the_scratch_image_without_the_SDK_image()
    {
        if (DockerImages.Unavailable() is { } why)
        {
            Assert.Skip(why);
        }

        // act
        var build = images.StagesImage();

        // assert: the SDK stage was never built (nor pulled); the image is the published binary, byte for byte, and the artifacts
        Assert.DoesNotContain("mcr.microsoft.com", build.Result.Output);
        var entrypoint = DockerDaemon.Check("image", "inspect", "--format", "{{json .Config.Entrypoint}}", DockerImages.StagesTag).Output.Trim();
        Assert.Equal("[\"/kairos-stages\"]", entrypoint);
        var files = ExportedFiles(DockerImages.StagesTag);
        Assert.Equal(Sha256(File.ReadAllBytes(PublishedBinary.Path)), files["kairos-stages"]);
        Assert.Contains("artifacts/kairos-agent-v2.31.4-Linux-amd64.tar.gz", files.Keys);
        Assert.All(files.Keys, f => Assert.True(f == "kairos-stages" || f.StartsWith("artifacts/", StringComparison.Ordinal), f));
    }

    [Fact]
    public void Generic_example_built_by_BuildKit_is_a_Kairos_image_that_validates_in_a_container()
    {
        if (DockerImages.Unavailable() is { } why)
        {
            Assert.Skip(why);
        }

        // act
        var build = images.Generic();

        // assert: BuildKit RUN steps have no marker file; both phases saw a PID 1 that is no system init and acted on /
        Assert.Equal(2, Occurrences(build.Result.Output, "building / in place: PID 1 is "));
        Assert.Contains(", 0 failed", build.Result.Output);
        AssertKairosReady(build.Tag, "v1.0.0");
        Figures.Report("docker-generic", 1, 1, build.Result.Elapsed, $"examples/generic, Docker {DockerDaemon.ServerVersion()} + BuildKit");
    }

    [Fact]
    public void Generic_example_rebuilt_with_a_new_VERSION_takes_the_install_step_from_the_BuildKit_cache()
    {
        if (DockerImages.Unavailable() is { } why)
        {
            Assert.Skip(why);
        }

        // arrange
        images.Generic();

        // act: same Dockerfile, same daemon (BuildKit's cache), another VERSION
        var again = images.Build("generic", "kairos-generic:1.0.1", $"BASE_IMAGE={DockerImages.DebianTag}", "VERSION=1.0.1");

        // assert: BuildKit printed CACHED for every step up to the install RUN, and ran init and validate again
        var steps = again.FinalStageSteps().ToList();
        var install = steps.FindIndex(s => s.Instruction.Contains("run --stage install", StringComparison.Ordinal));
        var init = steps.FindIndex(s => s.Instruction.Contains("run --stage init", StringComparison.Ordinal));
        Assert.True(install > 0 && init > install, again.Result.Tail);
        Assert.All(steps.Skip(1).Take(install), s => Assert.True(s.Cached, $"not from the cache: {s.Instruction}"));
        Assert.All(steps.Skip(init), s => Assert.False(s.Cached, $"from the cache: {s.Instruction}"));
        Assert.DoesNotContain("(install)", again.Result.Output);
        Assert.Contains("KAIROS_VERSION=\"v1.0.1\"\n", Inside(again.Tag, "cat", "/etc/kairos-release").Output);
        Figures.Report("docker-rebuild", 1, 1, again.Result.Elapsed, $"examples/generic again with VERSION=1.0.1: {steps.Count(s => s.Cached)} of {steps.Count} steps CACHED");
    }

    [Fact]
    public void Extensions_example_built_by_BuildKit_runs_its_extension_steps()
    {
        if (DockerImages.Unavailable() is { } why)
        {
            Assert.Skip(why);
        }

        // act: FROM debian:12 as the example says, the imported root
        var build = images.Build("extensions", "kairos-extensions:1.0.0");

        // assert
        Assert.Equal(1, Occurrences(build.Result.Output, "building / in place: PID 1 is "));
        AssertKairosReady(build.Tag, "v1.0.0");
        Assert.Equal("install ok installed", Inside(build.Tag, "dpkg-query", "-W", "-f", "${Status}", "htop").Output.Trim());
        Assert.Contains("hello", Inside(build.Tag, "lsinitrd", "/boot/initrd").Output);
        Assert.Equal("gone", Inside(build.Tag, "sh", "-c", "test -e /etc/kairos-init || echo gone").Output.Trim());
        Figures.Report("docker-extensions", 1, 1, build.Result.Elapsed, "examples/extensions, BuildKit");
    }

    /// <summary>validate passes in a container of the image; the packages, kairos-release, initrd and run record are there; the tool is gone.</summary>
    private static void AssertKairosReady(string tag, string version)
    {
        var validate = Inside(tag, "/usr/local/bin/kairos-stages", "validate");
        Assert.True(validate.Code == 0, validate.Tail);
        Assert.Contains(", 0 failed", validate.Output);
        var dpkg = Inside(tag, "dpkg-query", "-W", "-f", "${Package} ${Status}\n", "systemd", "openssh-server", "dracut", "linux-image-amd64");
        Assert.True(dpkg.Code == 0, dpkg.Tail);
        Assert.Equal(4, Occurrences(dpkg.Output, " install ok installed"));
        Assert.Contains("usr/bin/immucore", Inside(tag, "lsinitrd", "/boot/initrd").Output);
        var release = Inside(tag, "cat", "/etc/kairos-release").Output;
        Assert.Contains($"KAIROS_VERSION=\"{version}\"\n", release);
        Assert.Contains("KAIROS_FLAVOR_RELEASE=12\n", release);
        var record = Path.GetTempFileName();
        try
        {
            File.WriteAllText(record, Inside(tag, "cat", "/etc/kairos/kairos-stages/run.json").Output);
            ImageChecks.AssertRecordShowsEveryStep(record);
        }
        finally
        {
            File.Delete(record);
        }

        Assert.Equal("gone", Inside(tag, "sh", "-c", "test -e /kairos-stages || echo gone").Output.Trim());
    }

    /// <summary>Runs a command in a throw-away container of the image, with the published binary at /usr/local/bin/kairos-stages.</summary>
    private static EngineResult Inside(string tag, params string[] command) =>
        DockerDaemon.Run(["run", "--rm", "--network", "none", "-v", $"{PublishedBinary.Path}:/usr/local/bin/kairos-stages:ro", tag, .. command]);

    /// <summary>The regular files of a container of the image (docker export), each with its sha256.</summary>
    private static Dictionary<string, string> ExportedFiles(string tag)
    {
        var container = DockerDaemon.Check("create", "--network", "none", tag).Output.Trim();
        var archive = Path.GetTempFileName();
        try
        {
            DockerDaemon.Check("export", "-o", archive, container);
            var files = new Dictionary<string, string>(StringComparer.Ordinal);
            using var reader = new System.Formats.Tar.TarReader(File.OpenRead(archive));
            while (reader.GetNextEntry() is { } entry)
            {
                if (entry.EntryType is System.Formats.Tar.TarEntryType.RegularFile or System.Formats.Tar.TarEntryType.V7RegularFile && entry.DataStream is { } data)
                {
                    using var copy = new MemoryStream();
                    data.CopyTo(copy);
                    files[entry.Name.TrimStart('.', '/')] = Sha256(copy.ToArray());
                }
            }

            // files docker adds to every container, not from the image
            foreach (var added in new[] { ".dockerenv", "etc/hostname", "etc/hosts", "etc/resolv.conf" })
            {
                files.Remove(added);
            }

            return files;
        }
        finally
        {
            DockerDaemon.Run("rm", container);
            File.Delete(archive);
        }
    }

    private static string Sha256(byte[] bytes) => Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(bytes));

    private static int Occurrences(string text, string part) => text.Split(part).Length - 1;
}
