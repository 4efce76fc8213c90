using System.Diagnostics;
using System.Text.RegularExpressions;
using Kairos.Stages.Cli.Commands;
using Kairos.Stages.Tests.Media;

namespace Kairos.Stages.Tests.EndToEnd;

/// <summary>
/// Built once for the Secure Boot boot tests (xunit class fixture): a Debian 12 Trusted Boot image made with
/// <c>run -t true</c> (stand-in artifacts, the immucore UKI-mode fixture of <see cref="TrustedBootReport"/>),
/// a key set from <c>genkey</c> and an unrelated one, the UKI ISO from <c>build-uki --output-type iso</c>
/// (keys enrolled on first boot: <c>--secure-boot-enroll force</c>), and PCR 11 as build-uki predicted it.
/// </summary>
public sealed class TrustedBootUkiImage : IAsyncLifetime
{
    private DebianRoot? _root;

    public string Root => _root!.Path;

    public string Scratch { get; } = Directory.CreateTempSubdirectory("ks-uki-boot-").FullName;

    public string Keys => Path.Combine(Scratch, "keys");

    public string OtherKeys => Path.Combine(Scratch, "other-keys");

    public string? Iso { get; private set; }

    /// <summary>norole.efi's PCR 11 per boot phase, from build-uki's output.</summary>
    public IReadOnlyDictionary<string, string> PredictedPcr11 { get; private set; } = new Dictionary<string, string>();

    public string Timings { get; private set; } = "";

    public static string? Unavailable() => DebianRoot.Unavailable() ?? QemuSecureBoot.Unavailable() ?? UkiTools.Unavailable();

    public async ValueTask InitializeAsync()
    {
        if (Unavailable() is not null)
        {
            return;
        }

        var clock = Stopwatch.StartNew();
        _root = DebianRoot.Create();
        var extensions = Path.Combine(Root, "etc/kairos-init/stage-extensions");
        Directory.CreateDirectory(extensions);
        await File.WriteAllTextAsync(Path.Combine(extensions, "10-e2e-trusted-boot.yaml"), TrustedBootReport.Extension);
        var artifacts = FixtureArtifacts.Create();
        await Cli("run", "--root", Root, "--stage", "install", "--version", "1.0.0", "-t", "true", "--artifacts-dir", artifacts);
        await Cli("run", "--root", Root, "--stage", "init", "--version", "1.0.0", "-t", "true");
        Directory.Delete(artifacts, recursive: true);
        var built = clock.Elapsed;

        await Cli("genkey", "e2e", "--output", Keys);
        await Cli("genkey", "e2e-other", "--output", OtherKeys);
        var keys = clock.Elapsed;
        var output = Directory.CreateDirectory(Path.Combine(Scratch, "iso")).FullName;
        var (stdout, stderr) = await Cli("build-uki", $"dir:{Root}", "--keys", Keys, "--output-type", "iso", "--output-dir", output, "--secure-boot-enroll", "force", "--extend-cmdline", TrustedBootReport.SerialConsole);
        Iso = stdout.Trim();
        PredictedPcr11 = Regex.Matches(stderr, @"norole\.efi: PCR 11 after (\S+): ([0-9a-f]{64})").ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value);
        Timings = $"image {built.TotalSeconds:0}s, genkey x2 {(keys - built).TotalSeconds:0}s, build-uki ISO {(clock.Elapsed - keys).TotalSeconds:0}s ({new FileInfo(Iso).Length / (1024 * 1024)} MiB)";
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

    private static async Task<(string Output, string Error)> Cli(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await CliApp.RunAsync(args, output, error);
        return code == 0 ? (output.ToString(), error.ToString()) : throw new InvalidOperationException($"kairos-stages {string.Join(' ', args)} exited {code}:\n{error}");
    }
}
