using System.Diagnostics;
using Kairos.Stages.Cli;

namespace Kairos.Stages.Tests.EndToEnd;

/// <summary>
/// Built once for the live boot tests (xunit class fixture): a Debian 12 image made with
/// <c>run</c> (stand-in artifacts; the stand-in immucore prints its marker), its ISO from
/// <c>dir:</c>, and the same image as a podman-saved OCI archive made into an ISO from <c>ocifile:</c>.
/// </summary>
public sealed class LiveIsoImage : IAsyncLifetime
{
    private DebianRoot? _root;

    public string Root => _root!.Path;

    public string Scratch { get; } = Directory.CreateTempSubdirectory("ks-live-iso-").FullName;

    public string? DirIso { get; private set; }

    public string? OciIso { get; private set; }

    public string Timings { get; private set; } = "";

    public async ValueTask InitializeAsync()
    {
        if ((DebianRoot.Unavailable() ?? QemuLiveBoot.Unavailable() ?? Media.IsoTools.Unavailable()) is not null)
        {
            return;
        }

        var clock = Stopwatch.StartNew();
        _root = DebianRoot.Create();
        var extensions = Path.Combine(Root, "etc/kairos-init/stage-extensions");
        Directory.CreateDirectory(extensions);
        await File.WriteAllTextAsync(Path.Combine(extensions, "10-e2e-live.yaml"), LiveReport.Extension);
        var artifacts = FixtureArtifacts.Create();
        await Cli("run", "--root", Root, "--stage", "install", "--version", "1.0.0", "--artifacts-dir", artifacts);
        await Cli("run", "--root", Root, "--stage", "init", "--version", "1.0.0");
        Directory.Delete(artifacts, recursive: true);
        var built = clock.Elapsed;

        var dirOut = Directory.CreateDirectory(Path.Combine(Scratch, "dir")).FullName;
        DirIso = (await Cli("build-iso", $"dir:{Root}", "--output", dirOut, "--live-console", LiveReport.LiveConsole)).Trim();
        var dirIso = clock.Elapsed;

        // ocifile: the same root as a podman image (private storage), saved as an OCI archive.
        var storage = Path.Combine(Scratch, "podman");
        var archive = Path.Combine(Scratch, "image.oci.tar");
        string[] podman = ["podman", "--root", Path.Combine(storage, "root"), "--runroot", Path.Combine(storage, "run"), "--storage-driver", "vfs"];
        DebianRoot.Run("sh", "-c", $"tar -C '{Root}' --exclude=./proc/* --exclude=./sys/* -cf - . | {string.Join(' ', podman)} import - localhost/ks-e2e-live:1");
        DebianRoot.Run([.. podman, "save", "--format", "oci-archive", "-o", archive, "localhost/ks-e2e-live:1"]);
        DebianRoot.Run([.. podman, "rmi", "-a", "-f"]);
        Directory.Delete(storage, recursive: true);
        var ociOut = Directory.CreateDirectory(Path.Combine(Scratch, "oci")).FullName;
        OciIso = (await Cli("build-iso", $"ocifile:{archive}", "--output", ociOut, "--live-console", LiveReport.LiveConsole)).Trim();
        File.Delete(archive);
        Timings = $"image {built.TotalSeconds:0}s, dir: ISO {(dirIso - built).TotalSeconds:0}s, OCI archive + ocifile: ISO {(clock.Elapsed - dirIso).TotalSeconds:0}s";
    }

    public ValueTask DisposeAsync()
    {
        _root?.Dispose();
        if (Environment.GetEnvironmentVariable("KAIROS_STAGES_KEEP_E2E") != "1")
        {
            Directory.Delete(Scratch, recursive: true);
        }

        return ValueTask.CompletedTask;
    }

    private static async Task<string> Cli(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await CliApp.RunAsync(args, output, error);
        return code == 0 ? output.ToString() : throw new InvalidOperationException($"kairos-stages {string.Join(' ', args)} exited {code}:\n{error}");
    }
}
