using System.Diagnostics;
using Kairos.Stages.Tests.Containers;
using Kairos.Stages.Tests.EndToEnd;

[assembly: AssemblyFixture(typeof(DockerRpi4Image))]

namespace Kairos.Stages.Tests.Containers;

/// <summary>
/// examples/rpi4 built as its header says, <c>docker build --platform linux/arm64</c> with BuildKit, in the arm64 lane:
/// a Debian 12 arm64 root (<see cref="DebianRoot"/>, its second stage under qemu-user) as the BASE_IMAGE
/// (<see cref="BaseImage"/>), and an arm64 <c>kairos-stages</c> image from the
/// project's Dockerfile (<c>BUILD=published</c>, <c>PUBLISHED=out/linux-arm64</c>: the arm64 binary and the arm64
/// test-fixture artifacts as artifacts/). The example's RUN lines run under qemu-user
/// through binfmt_misc. Made at most once per test run (the emulated build takes tens of minutes), shared by the
/// example's checks and the Pi disk boot; a failed build is reported to every user, not retried.
/// </summary>
public sealed class DockerRpi4Image : IDisposable
{
    public const string BaseTag = "kairos-test-debian-arm64:12";
    public const string StagesArm64Tag = "kairos-stages-arm64:test";
    public const string Tag = "kairos-rpi4:1.0.0";

    private readonly Lock _gate = new();
    private readonly List<string> _tags = [];
    private Rpi4Build? _built;
    private Exception? _failure;

    /// <summary>The example's image and the time of each part: base (root + its image), the kairos-stages image, the example.</summary>
    internal sealed record Rpi4Build(DockerBuild Build, TimeSpan Base, TimeSpan Stages, string Docker);

    /// <summary>Why the arm64 Docker build cannot run here (the arm64 lane off, no daemon, no qemu-user), or null.</summary>
    public static string? Unavailable() =>
        PublishedBinary.MissingArm64() ?? DockerDaemon.Unavailable() ?? DebianRoot.Unavailable() ?? PublishedBinary.Missing() ?? Emulation.Arm64Unavailable();

    /// <summary>The built example, made on first use; every later call gets the same image (or the same failure).</summary>
    internal Rpi4Build Get()
    {
        lock (_gate)
        {
            if (_failure is not null)
            {
                throw new InvalidOperationException("the emulated examples/rpi4 build failed earlier in this run", _failure);
            }

            try
            {
                return _built ??= Make();
            }
            catch (Exception e)
            {
                _failure = e;
                throw;
            }
        }
    }

    private Rpi4Build Make()
    {
        var clock = Stopwatch.StartNew();
        BaseImage();
        var based = clock.Elapsed;
        StagesImage();
        var staged = clock.Elapsed - based;

        // the arm64 tool image by its own name (KAIROS_STAGES_IMAGE): kairos-stages stays the amd64 one the other
        // lane's Docker tests build FROM while this runs (retagging it for the build once broke them in CI)
        var directory = Path.Combine(KairosStagesImage.RepositoryDirectory, "examples", "rpi4");
        var build = Built(Tag, ["build", "--platform", "linux/arm64", "--progress", "plain", "--network", "host", "--build-arg", $"BASE_IMAGE={BaseTag}", "--build-arg", $"KAIROS_STAGES_IMAGE={StagesArm64Tag}", "-t", Tag, directory]);
        return new Rpi4Build(build, based, staged, DockerDaemon.ServerVersion());
    }

    /// <summary>
    /// The Debian 12 arm64 root as an arm64 image: dockerd 20.10's <c>docker import --platform linux/arm64</c> labels the
    /// image with the daemon's own architecture (amd64; seen here), and BuildKit then looks for an arm64 one in a registry,
    /// so the root goes in as Debian's own images are made: <c>FROM scratch</c>, <c>ADD rootfs.tar /</c>, for linux/arm64.
    /// </summary>
    private void BaseImage()
    {
        var context = Directory.CreateTempSubdirectory("ks-docker-arm64-base-").FullName;
        try
        {
            using (var root = DebianRoot.Create("arm64"))
            {
                Programs.Run("tar", "-C", root.Path, "-cf", Path.Combine(context, "rootfs.tar"), ".");
            }

            File.WriteAllText(Path.Combine(context, "Dockerfile"), "FROM scratch\nADD rootfs.tar /\nCMD [\"bash\"]\n");
            Built(BaseTag, ["build", "--platform", "linux/arm64", "--progress", "plain", "-t", BaseTag, context]);
        }
        finally
        {
            Directory.Delete(context, recursive: true);
        }
    }

    /// <summary>The project's Dockerfile, unchanged, for linux/arm64 from a context laid out as build/publish.sh linux-arm64 and the arm64 fixture artifacts make out/linux-arm64.</summary>
    private void StagesImage()
    {
        var context = Directory.CreateTempSubdirectory("ks-docker-arm64-context-").FullName;
        var fixtures = FixtureArtifacts.Create("arm64");
        try
        {
            var published = Directory.CreateDirectory(Path.Combine(context, "out/linux-arm64")).FullName;
            File.Copy(PublishedBinary.Arm64Path, Path.Combine(published, "kairos-stages"));
            // the arm64 fixtures are named as the release files, the layout 'artifacts fetch --dest' writes (FIPS twins
            // have no fixture, so 'fetch --all' cannot run against them: the directory is the fetched one as is)
            Directory.Move(fixtures, Path.Combine(published, "artifacts"));

            var dockerfile = Path.Combine(KairosStagesImage.RepositoryDirectory, "Dockerfile");
            Built(StagesArm64Tag, ["build", "--platform", "linux/arm64", "--progress", "plain", "--build-arg", "BUILD=published", "--build-arg", "PUBLISHED=out/linux-arm64", "-t", StagesArm64Tag, "-f", dockerfile, context]);
        }
        finally
        {
            Directory.Delete(context, recursive: true);
            if (Directory.Exists(fixtures))
            {
                Directory.Delete(fixtures, recursive: true);
            }
        }
    }

    private DockerBuild Built(string tag, string[] args)
    {
        _tags.Add(tag);
        var result = DockerDaemon.Run(args);
        // the emulated build's whole log, kept with the boot logs (CI artifacts)
        Directory.CreateDirectory(BootLogs.Directory);
        File.WriteAllText(Path.Combine(BootLogs.Directory, $"docker-build-{tag.Replace(':', '-')}.log"), $"exit {result.Code}, {result.Elapsed.TotalSeconds:0} s\n{result.Output}");

        return result.Code == 0 ? new DockerBuild(tag, result) : throw new InvalidOperationException($"docker {string.Join(' ', args.SkipLast(1))} exited {result.Code}:\n{result.Tail}");
    }

    public void Dispose()
    {
        // KAIROS_STAGES_KEEP_E2E=1 keeps the images to inspect, as it keeps the chroot tests' roots
        if (_tags.Count > 0 && Environment.GetEnvironmentVariable("KAIROS_STAGES_KEEP_E2E") != "1")
        {
            DockerDaemon.Run(["rmi", "-f", .. _tags.Distinct()]);
        }
    }
}
