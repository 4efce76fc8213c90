using Kairos.Stages.Media;
using Kairos.Stages.Tests.EndToEnd;
using Kairos.Stages.Tests.Media;
using Kairos.Stages.Tests.Support;

namespace Kairos.Stages.Tests.Containers;

/// <summary>
/// AuroraBoot's source grammar on real engines: <c>docker:NAME</c> reads the Docker daemon's image (docker save),
/// <c>oci:NAME</c> a registry (Debian's docker-registry on 127.0.0.1, started by .ci/run and named by
/// KAIROS_STAGES_TEST_REGISTRY, the image pushed there by docker). The image is examples/generic built by BuildKit.
/// </summary>
[Collection("Containers")]
[Slow(SlowKind.Engine)]
public sealed class BuildIsoFromDockerTests(DockerImages images)
{
    [Fact]
    public async Task Docker_source_makes_the_live_ISO_of_the_daemons_image()
    {
        if ((DockerImages.Unavailable() ?? IsoTools.Unavailable()) is { } why)
        {
            Assert.Skip(why);
        }

        // arrange
        var tag = images.Generic().Tag;
        var image = Facts(tag);
        var output = Directory.CreateTempSubdirectory("ks-iso-docker-").FullName;
        try
        {
            // act: the documents' spelling, build-iso docker:IMAGE
            var (code, stdout, stderr, elapsed) = await IsoOfImage.BuildIsoAsync(DockerDaemon.EnvironmentForOtherPrograms(), $"docker:{tag}", "--output", output);

            // assert
            Assert.True(code == 0, stderr);
            Assert.Contains($"saving local image {tag} with docker", stderr);
            Assert.Contains("(docker-archive)", stderr);
            var iso = await IsoOfImage.AssertLiveIsoAsync(stdout, output, image, "v1.0.0");
            Figures.Report("build-iso-docker", 1, 1, elapsed, $"docker:{tag}: ISO {new FileInfo(iso).Length} bytes");
        }
        finally
        {
            Directory.Delete(output, recursive: true);
        }
    }

    [Fact]
    public async Task Oci_source_reads_the_image_pushed_to_a_registry_on_127_0_0_1()
    {
        if ((DockerImages.Unavailable() ?? Registry()) is { } why)
        {
            Assert.Skip(why);
        }

        // arrange: the BuildKit image pushed by docker to the registry
        var tag = images.Generic().Tag;
        var image = Facts(tag);
        var remote = $"{Environment.GetEnvironmentVariable("KAIROS_STAGES_TEST_REGISTRY")}/kairos-generic:1.0.0";
        DockerDaemon.Check("tag", tag, remote);
        try
        {
            DockerDaemon.Check("push", remote);
        }
        finally
        {
            DockerDaemon.Run("rmi", remote);
        }

        var work = Directory.CreateTempSubdirectory("ks-oci-source-").FullName;
        var log = new List<string>();
        try
        {
            // act: the resolver every media command (build-iso, build-uki, build-disk) reads its SOURCE with
            using var root = await ImageSourceResolver.ResolveAsync($"oci:{remote}", work, log.Add, TestContext.Current.CancellationToken);

            // assert: the pulled root is the image: its kairos-release and initrd, byte for byte
            Assert.Contains($"pulling {remote} from its registry with skopeo", log);
            var pulled = IsoOfImage.ImageFacts.Read(root.Path);
            Assert.Equal(image, pulled);
            Assert.True(File.Exists(Path.Combine(root.Path, "usr/bin/kairos-agent")));
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    [Fact]
    public async Task Oci_source_the_registry_does_not_have_fails_naming_it_and_leaves_nothing()
    {
        if ((PublishedBinary.Missing() ?? Registry()) is { } why)
        {
            Assert.Skip(why);
        }

        var output = Directory.CreateTempSubdirectory("ks-iso-oci-missing-").FullName;
        var source = $"oci:{Environment.GetEnvironmentVariable("KAIROS_STAGES_TEST_REGISTRY")}/no-such-kairos-image:1";
        try
        {
            var result = await IsoTools.BuildIsoAsync(source, "--output", output);
            Assert.Equal(1, result.Code);
            Assert.Contains($"pulling {source} failed", result.Error);
            Assert.Empty(IsoTools.Leftovers(output));
        }
        finally
        {
            Directory.Delete(output, recursive: true);
        }
    }

    [Fact]
    public async Task Docker_source_with_no_daemon_answering_exits_2_naming_DOCKER_HOST()
    {
        if (PublishedBinary.Missing() is { } why)
        {
            Assert.Skip(why);
        }

        var output = Directory.CreateTempSubdirectory("ks-iso-no-daemon-").FullName;
        try
        {
            var environment = new Dictionary<string, string>(StringComparer.Ordinal) { ["DOCKER_HOST"] = $"unix://{output}/no-daemon.sock" };
            var (code, stdout, stderr, _) = await IsoOfImage.BuildIsoAsync(environment, "docker:ubuntu-kairos:24.04", "--output", output);
            Assert.Equal(2, code);
            Assert.Equal("", stdout);
            Assert.Contains($"no daemon answers 'docker info' here (DOCKER_HOST=unix://{output}/no-daemon.sock)", stderr);
            Assert.Empty(IsoTools.Leftovers(output));
        }
        finally
        {
            Directory.Delete(output, recursive: true);
        }
    }

    [Fact]
    public async Task Docker_source_the_daemon_does_not_have_exits_2_and_is_never_pulled()
    {
        if ((DockerDaemon.Unavailable() ?? PublishedBinary.Missing()) is { } why)
        {
            Assert.Skip(why);
        }

        var output = Directory.CreateTempSubdirectory("ks-iso-docker-missing-").FullName;
        try
        {
            var (code, _, stderr, _) = await IsoOfImage.BuildIsoAsync(DockerDaemon.EnvironmentForOtherPrograms(), "docker:ubuntu-kairos:24.04", "--output", output);
            Assert.Equal(2, code);
            Assert.Contains("no image named 'ubuntu-kairos:24.04' in the Docker daemon's images", stderr);
            Assert.Empty(IsoTools.Leftovers(output));
            Assert.NotEqual(0, DockerDaemon.Run("image", "inspect", "ubuntu-kairos:24.04").Code);
        }
        finally
        {
            Directory.Delete(output, recursive: true);
        }
    }

    /// <summary>Why no test registry is here (KAIROS_STAGES_TEST_REGISTRY unset), or null; in CI a failure.</summary>
    private static string? Registry()
    {
        var why = Environment.GetEnvironmentVariable("KAIROS_STAGES_TEST_REGISTRY") is { Length: > 0 } ? null
            : "needs a registry on 127.0.0.1 named by KAIROS_STAGES_TEST_REGISTRY (.ci/run starts Debian's docker-registry)";
        return why is not null && Environment.GetEnvironmentVariable("CI") is { Length: > 0 } ? throw new InvalidOperationException(why) : why;
    }

    /// <summary>The image's kairos-release, kernel and initrd hashes, read in a container of it.</summary>
    private static IsoOfImage.ImageFacts Facts(string tag)
    {
        string Run(params string[] command) => DockerDaemon.Check(["run", "--rm", "--network", "none", tag, .. command]).Output;
        var sums = Run("sha256sum", "/boot/vmlinuz", "/boot/initrd").Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(' ')[0].ToUpperInvariant()).ToList();
        return new IsoOfImage.ImageFacts(Run("cat", "/etc/kairos-release"), sums[0], sums[1]);
    }
}
