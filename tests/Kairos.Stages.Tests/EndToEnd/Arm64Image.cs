using System.Diagnostics;
using Kairos.Stages.Tests.EndToEnd;

[assembly: AssemblyFixture(typeof(Arm64Image))]

namespace Kairos.Stages.Tests.EndToEnd;

/// <summary>
/// The arm64 lane's images, each made once per test run and shared (assembly fixture): Debian 12 arm64 roots from the
/// one cached debootstrap tarball of the run, kairosified from inside by the arm64 binary as two Dockerfile RUN lines
/// and <c>validate</c>, every arm64 program run by qemu-user through binfmt_misc; <c>generic</c> (also the ISO the
/// AAVMF boot test boots) and <c>rpi4</c>. Emulated work is slow, so nothing here is made twice.
/// </summary>
public sealed class Arm64Image : IAsyncDisposable
{
    private const string Binary = "/kairos-stages/kairos-stages";
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<string, Build> _builds = [];
    private string? _iso;

    public string Scratch { get; } = Directory.CreateTempSubdirectory("ks-arm64-").FullName;

    /// <summary>Why the arm64 images cannot be made here, or null.</summary>
    public static string? Unavailable() => DebianRoot.Unavailable() ?? PublishedBinary.MissingArm64() ?? Emulation.Arm64Unavailable();

    /// <summary>One kairosified root: its RUN lines' results, the artifacts it fetched, and how long each part took.</summary>
    public sealed record Build(DebianRoot Root, (int Code, string Output, string Error) Install, (int Code, string Output, string Error) Init,
        (int Code, string Output, string Error) Validate, IReadOnlyCollection<string> Fetched, TimeSpan Elapsed, string Timings);

    /// <summary>The root of <paramref name="model"/> (generic, rpi4), made on first use.</summary>
    public async Task<Build> BuildAsync(string model)
    {
        await _gate.WaitAsync();
        try
        {
            if (!_builds.TryGetValue(model, out var build))
            {
                build = await MakeAsync(model);
                _builds[model] = build;
            }

            return build;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The ISO of the generic image, made by this machine's build-iso with --arch arm64 (the image's own shim and GRUB).</summary>
    public async Task<string> IsoAsync()
    {
        var build = await BuildAsync("generic");
        await _gate.WaitAsync();
        try
        {
            if (_iso is null)
            {
                var output = Directory.CreateDirectory(Path.Combine(Scratch, "iso")).FullName;
                _iso = (await LiveIsoImage.Cli("build-iso", $"dir:{build.Root.Path}", "--arch", "arm64", "--output", output, "--live-console", LiveReport.Arm64LiveConsole)).Trim();
            }

            return _iso;
        }
        finally
        {
            _gate.Release();
        }
    }

    private static async Task<Build> MakeAsync(string model)
    {
        var clock = Stopwatch.StartNew();
        var root = DebianRoot.Create("arm64");
        var made = clock.Elapsed;
        Directory.CreateDirectory(Path.Combine(root.Path, "kairos-stages"));
        File.Copy(PublishedBinary.Arm64Path, Path.Combine(root.Path, Binary.TrimStart('/')));
        var extensions = Path.Combine(root.Path, "etc/kairos-init/stage-extensions");
        Directory.CreateDirectory(extensions);
        await File.WriteAllTextAsync(Path.Combine(extensions, "10-e2e.yaml"), DebianImage.Extension);
        await File.WriteAllTextAsync(Path.Combine(extensions, "11-e2e-live.yaml"), LiveReport.ExtensionFor("ttyAMA0"));
        var artifacts = FixtureArtifacts.Create("arm64");
        try
        {
            using var mirror = new StaticFileServer(artifacts);
            using var mounts = new ContainerMounts(root.Path);
            // the Dockerfile's two RUN lines and validate, with no --arch: the tool reads it from the root; each one
            // timed and its output kept with the boot logs (CI artifacts): emulated minutes need to be accounted for
            var phases = new List<string>();
            (int Code, string Output, string Error) Phase(string name, params string[] args)
            {
                var started = clock.Elapsed;
                var result = root.RunLine(Binary, args);
                phases.Add($"{name} {(clock.Elapsed - started).TotalSeconds:0} s");
                Directory.CreateDirectory(BootLogs.Directory);
                File.WriteAllText(Path.Combine(BootLogs.Directory, $"arm64-{model}-{name}.log"), $"exit {result.Code}\n{result.Output}\n--- stderr ---\n{result.Error}");
                return result;
            }

            var install = Phase("install", "run", "--stage", "install", "-m", model, "--artifacts-mirror", mirror.BaseUrl);
            (int Code, string Output, string Error) init = install.Code == 0
                ? Phase("init", "run", "--stage", "init", "-m", model, "--version", "1.0.0", "--artifacts-mirror", mirror.BaseUrl)
                : (-1, "", "not run: install failed");
            (int Code, string Output, string Error) validate = init.Code == 0 ? Phase("validate", "validate") : (-1, "", "not run: init failed");
            var timings = $"emulated (qemu-user), {model}: debootstrap root {made.TotalSeconds:0} s, {string.Join(", ", phases)}";
            return new Build(root, install, init, validate, [.. mirror.Hits.Keys], clock.Elapsed, timings);
        }
        finally
        {
            Directory.Delete(artifacts, recursive: true);
        }
    }

    public ValueTask DisposeAsync()
    {
        foreach (var build in _builds.Values)
        {
            build.Root.Dispose();
        }

        if (Environment.GetEnvironmentVariable("KAIROS_STAGES_KEEP_E2E") != "1")
        {
            Directory.Delete(Scratch, recursive: true);
        }

        _gate.Dispose();
        return ValueTask.CompletedTask;
    }
}
