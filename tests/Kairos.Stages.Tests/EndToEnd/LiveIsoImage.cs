using System.Diagnostics;
using Kairos.Stages.Cli.Commands;
using Kairos.Stages.Tests.EndToEnd;

[assembly: AssemblyFixture(typeof(LiveIsoImage))]

namespace Kairos.Stages.Tests.EndToEnd;

/// <summary>
/// The one booted image of the test run (assembly fixture, shared by the live ISO, raw disk and netboot boot
/// tests): a Debian 12 image made with <c>run</c> (stand-in artifacts; the stand-in immucore prints its marker
/// and, for disk boots, attaches the image), its ISO from <c>dir:</c>, and the same image as a podman-saved OCI
/// archive made into an ISO from <c>ocifile:</c>. Each is made on first use, once; all of it is removed when the run ends.
/// </summary>
public sealed class LiveIsoImage : IAsyncDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Stopwatch _clock = new();
    private DebianRoot? _root;
    private string? _dirIso;
    private string? _ociIso;

    public string Scratch { get; } = Directory.CreateTempSubdirectory("ks-live-iso-").FullName;

    /// <summary>How long each piece took to make, for the tests' figures.</summary>
    public string Timings { get; private set; } = "";

    /// <summary>Why the image cannot be built or booted here, or null.</summary>
    public static string? Unavailable() => DebianRoot.Unavailable() ?? QemuLiveBoot.Unavailable() ?? Media.IsoTools.Unavailable();

    /// <summary>The built image's root directory (about 3 minutes the first time).</summary>
    public Task<string> RootAsync() => OnceAsync(() => _root?.Path, async () =>
    {
        _clock.Start();
        _root = DebianRoot.Create();
        var root = _root.Path;
        var extensions = Path.Combine(root, "etc/kairos-init/stage-extensions");
        Directory.CreateDirectory(extensions);
        await File.WriteAllTextAsync(Path.Combine(extensions, "10-e2e-live.yaml"), LiveReport.Extension);
        var artifacts = FixtureArtifacts.Create();
        await Cli("run", "--root", root, "--stage", "install", "--version", "1.0.0", "--artifacts-dir", artifacts);
        await Cli("run", "--root", root, "--stage", "init", "--version", "1.0.0");
        Directory.Delete(artifacts, recursive: true);
        Timings += $"image {_clock.Elapsed.TotalSeconds:0}s";
        return root;
    });

    /// <summary>The ISO made from <c>dir:</c> the root.</summary>
    public async Task<string> DirIsoAsync()
    {
        var root = await RootAsync();
        return await OnceAsync(() => _dirIso, async () =>
        {
            var start = _clock.Elapsed;
            var output = Directory.CreateDirectory(Path.Combine(Scratch, "dir")).FullName;
            _dirIso = (await Cli("build-iso", $"dir:{root}", "--output", output, "--live-console", LiveReport.LiveConsole)).Trim();
            Timings += $", dir: ISO {(_clock.Elapsed - start).TotalSeconds:0}s";
            return _dirIso;
        });
    }

    /// <summary>The ISO made from the same root imported into podman and saved as an OCI archive (<c>ocifile:</c>).</summary>
    public async Task<string> OciIsoAsync()
    {
        var root = await RootAsync();
        return await OnceAsync(() => _ociIso, async () =>
        {
            var start = _clock.Elapsed;
            var storage = Path.Combine(Scratch, "podman");
            var archive = Path.Combine(Scratch, "image.oci.tar");
            string[] podman = ["podman", "--root", Path.Combine(storage, "root"), "--runroot", Path.Combine(storage, "run"), "--storage-driver", "vfs"];
            Programs.Run("sh", "-c", $"tar -C '{root}' --exclude=./proc/* --exclude=./sys/* -cf - . | {string.Join(' ', podman)} import - localhost/ks-e2e-live:1");
            Programs.Run([.. podman, "save", "--format", "oci-archive", "-o", archive, "localhost/ks-e2e-live:1"]);
            Programs.Run([.. podman, "rmi", "-a", "-f"]);
            Directory.Delete(storage, recursive: true);
            var output = Directory.CreateDirectory(Path.Combine(Scratch, "oci")).FullName;
            _ociIso = (await Cli("build-iso", $"ocifile:{archive}", "--output", output, "--live-console", LiveReport.LiveConsole)).Trim();
            File.Delete(archive);
            Timings += $", OCI archive + ocifile: ISO {(_clock.Elapsed - start).TotalSeconds:0}s";
            return _ociIso;
        });
    }

    public ValueTask DisposeAsync()
    {
        _root?.Dispose();
        if (Environment.GetEnvironmentVariable("KAIROS_STAGES_KEEP_E2E") != "1")
        {
            Directory.Delete(Scratch, recursive: true);
        }

        _gate.Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>Runs the CLI in this process; its output, or an exception with its error output.</summary>
    public static async Task<string> Cli(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await CliApp.RunAsync(args, output, error);
        return code == 0 ? output.ToString() : throw new InvalidOperationException($"kairos-stages {string.Join(' ', args)} exited {code}:\n{error}");
    }

    /// <summary>Makes a piece once, under the gate; a failed attempt is tried again by the next caller.</summary>
    private async Task<string> OnceAsync(Func<string?> made, Func<Task<string>> make)
    {
        await _gate.WaitAsync();
        try
        {
            return made() ?? await make();
        }
        finally
        {
            _gate.Release();
        }
    }
}
