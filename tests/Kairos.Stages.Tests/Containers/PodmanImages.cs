using Kairos.Stages.Tests.Containers;
using Kairos.Stages.Tests.EndToEnd;

[assembly: AssemblyFixture(typeof(PodmanImages))]

namespace Kairos.Stages.Tests.Containers;

/// <summary>
/// The images podman builds for the tests, in one private store for the whole test run: the
/// debootstrap'd Debian 12 root imported as localhost/debian:12, the local kairos-stages image,
/// and examples/generic built on it. Each is made at most once, on first use, under a lock; the
/// store and everything in it is removed when the test assembly finishes.
/// </summary>
public sealed class PodmanImages : IDisposable
{
    public const string DebianTag = "localhost/debian:12";
    public const string GenericTag = "localhost/kairos-generic:1.0.0";

    private readonly Lock _gate = new();
    private PodmanStorage? _storage;
    private IReadOnlyList<string>? _artifacts;
    private PodmanBuild? _generic;
    private string? _archive;

    /// <summary>
    /// The path of examples/generic's image (BASE_IMAGE=localhost/debian:12, VERSION=1.0.0, podman's OCI
    /// isolation with runc) saved by <c>podman save --format oci-archive</c>: an <c>ocifile:</c> input for
    /// build-iso. Built on the first call (about 2–4 min), then the same file; deleted when the run ends.
    /// Callers should first skip or fail on <see cref="Unavailable"/>.
    /// </summary>
    public string GenericOciArchive()
    {
        lock (_gate)
        {
            if (_archive is null)
            {
                var build = Generic();
                var archive = Path.Combine(Storage().Scratch, "kairos-generic-1.0.0.oci.tar");
                Storage().Check("save", "--format", "oci-archive", "-o", archive, build.Tag);
                _archive = archive;
            }

            return _archive;
        }
    }

    /// <summary>Why the images can't be built here (not root, no podman, runc, debootstrap or published binary), or null.</summary>
    public static string? Unavailable() => PodmanStorage.Unavailable() ?? DebianRoot.Unavailable() ?? PublishedBinary.Missing();

    public void Dispose() => _storage?.Dispose();

    /// <summary>The artifact files the kairos-stages image carries in /artifacts.</summary>
    internal IReadOnlyList<string> Artifacts
    {
        get
        {
            Storage();
            return _artifacts!;
        }
    }

    /// <summary>examples/generic built with BASE_IMAGE=localhost/debian:12 in OCI isolation (runc), once.</summary>
    internal PodmanBuild Generic()
    {
        lock (_gate)
        {
            return _generic ??= Build("generic", GenericTag, "oci", $"BASE_IMAGE={DebianTag}");
        }
    }

    /// <summary>Builds examples/<paramref name="example"/>'s Dockerfile, unchanged, with the given build arguments; throws with the log tail on failure.</summary>
    internal PodmanBuild Build(string example, string tag, string isolation, params string[] buildArgs)
    {
        var directory = Path.Combine(KairosStagesImage.RepositoryDirectory, "examples", example);
        string[] args =
        [
            "build", "--pull=never", "--network", "host", "--isolation", isolation, .. isolation == "oci" ? PodmanStorage.Limits : [],
            .. buildArgs.SelectMany(a => new[] { "--build-arg", a }), "-t", tag, "-f", Path.Combine(directory, "Dockerfile"), directory,
        ];
        var result = Storage().Run(args);
        return result.Code == 0 ? new PodmanBuild(tag, result) : throw new InvalidOperationException($"podman build of examples/{example} exited {result.Code}:\n{result.Tail}");
    }

    /// <summary>The store with the Debian base and the kairos-stages image in it, made on first use.</summary>
    internal PodmanStorage Storage()
    {
        lock (_gate)
        {
            if (_storage is not null)
            {
                return _storage;
            }

            var storage = new PodmanStorage();
            var clock = System.Diagnostics.Stopwatch.StartNew();
            try
            {
                using (var root = DebianRoot.Create())
                {
                    storage.Check("version");
                    var imported = storage.Piped(["tar", "-C", root.Path, "-c", "."], "import", "-", DebianTag);
                    if (imported.Code != 0)
                    {
                        throw new InvalidOperationException($"tar | podman import exited {imported.Code}:\n{imported.Tail}");
                    }
                }

                // examples/extensions says FROM debian:12, which the short-name alias resolves to Docker Hub's name
                storage.Check("tag", DebianTag, "docker.io/library/debian:12");
                _artifacts = KairosStagesImage.Build(storage);
                _storage = storage;
                Support.Figures.Report("podman-base", 1, 1, clock.Elapsed, $"Debian 12 root imported as {DebianTag}, kairos-stages image with {_artifacts.Count} artifacts");
                return storage;
            }
            catch
            {
                storage.Dispose();
                throw;
            }
        }
    }
}
