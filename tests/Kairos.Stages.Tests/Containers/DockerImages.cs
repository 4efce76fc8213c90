using Kairos.Stages.Tests.Containers;
using Kairos.Stages.Tests.EndToEnd;

[assembly: AssemblyFixture(typeof(DockerImages))]

namespace Kairos.Stages.Tests.Containers;

/// <summary>
/// The images real Docker + BuildKit builds for the tests, in the daemon DOCKER_HOST names: the debootstrap'd
/// Debian 12 root brought in with <c>docker import</c> as debian:12, the kairos-stages image built from the
/// project's Dockerfile with <c>BUILD=published</c> (as the README says to where the SDK image cannot be pulled),
/// and examples/generic built on them. Each is made at most once, on first use, under a lock; the images and the
/// build cache are removed when the test assembly finishes.
/// </summary>
public sealed class DockerImages : IDisposable
{
    public const string DebianTag = "debian:12";
    public const string StagesTag = "kairos-stages";
    public const string GenericTag = "kairos-generic:1.0.0";

    private readonly Lock _gate = new();
    private readonly List<string> _tags = [];
    private bool _based;
    private DockerBuild? _generic;

    /// <summary>Why the images can't be built here (not root, no Docker daemon, no debootstrap or published binary), or null.</summary>
    public static string? Unavailable() => DockerDaemon.Unavailable() ?? DebianRoot.Unavailable() ?? PublishedBinary.Missing();

    private DockerBuild? _stages;

    public void Dispose()
    {
        if (_tags.Count > 0)
        {
            DockerDaemon.Run(["rmi", "-f", .. _tags]);
            DockerDaemon.Run("builder", "prune", "-af");
        }
    }

    /// <summary>The project's Dockerfile built with BUILD=published as kairos-stages (with debian:12 beside it), once.</summary>
    internal DockerBuild StagesImage()
    {
        Base();
        return _stages!;
    }

    /// <summary>examples/generic built with BASE_IMAGE=debian:12 (VERSION 1.0.0), once.</summary>
    internal DockerBuild Generic()
    {
        lock (_gate)
        {
            return _generic ??= Build("generic", GenericTag, $"BASE_IMAGE={DebianTag}");
        }
    }

    /// <summary>Builds examples/<paramref name="example"/>'s Dockerfile, unchanged, with BuildKit and the given build arguments; throws with the log tail on failure.</summary>
    internal DockerBuild Build(string example, string tag, params string[] buildArgs)
    {
        Base();
        var directory = Path.Combine(KairosStagesImage.RepositoryDirectory, "examples", example);
        return Built(tag, ["build", "--progress", "plain", "--network", "host", .. buildArgs.SelectMany(a => new[] { "--build-arg", a }), "-t", tag, "-f", Path.Combine(directory, "Dockerfile"), directory]);
    }

    /// <summary>debian:12 and kairos-stages in the daemon, made on first use.</summary>
    private void Base()
    {
        lock (_gate)
        {
            if (_based)
            {
                return;
            }

            var clock = System.Diagnostics.Stopwatch.StartNew();
            using (var root = DebianRoot.Create())
            {
                var imported = DockerDaemon.Piped(["tar", "-C", root.Path, "-c", "."], "import", "-", DebianTag);
                _tags.Add(DebianTag);
                if (imported.Code != 0)
                {
                    throw new InvalidOperationException($"tar | docker import exited {imported.Code}:\n{imported.Tail}");
                }
            }

            // the project's Dockerfile, unchanged, from a context laid out as build/publish.sh and 'artifacts fetch' leave out/linux-x64
            var context = Directory.CreateTempSubdirectory("ks-docker-context-").FullName;
            try
            {
                var dockerfile = Path.Combine(KairosStagesImage.RepositoryDirectory, "Dockerfile");
                var published = Directory.CreateDirectory(Path.Combine(context, "out/linux-x64")).FullName;
                File.Copy(PublishedBinary.Path, Path.Combine(published, "kairos-stages"));
                KairosStagesImage.FetchArtifacts(File.ReadAllText(dockerfile), Path.Combine(published, "artifacts"));
                _stages = Built(StagesTag, ["build", "--progress", "plain", "--build-arg", "BUILD=published", "-t", StagesTag, "-f", dockerfile, context]);
            }
            finally
            {
                Directory.Delete(context, recursive: true);
            }

            Support.Figures.Report("docker-base", 1, 1, clock.Elapsed, $"Debian 12 root imported as {DebianTag}, {StagesTag} built from the Dockerfile with BUILD=published (Docker {DockerDaemon.ServerVersion()})");
            _based = true;
        }
    }

    private DockerBuild Built(string tag, string[] args)
    {
        var result = DockerDaemon.Run(args);
        lock (_gate)
        {
            _tags.Add(tag);
        }

        return result.Code == 0 ? new DockerBuild(tag, result) : throw new InvalidOperationException($"docker {string.Join(' ', args.Take(args.Length - 1))} exited {result.Code}:\n{result.Tail}");
    }
}
