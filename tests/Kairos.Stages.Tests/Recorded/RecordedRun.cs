using System.Text;
using System.Text.RegularExpressions;
using Kairos.Stages.Cli.Commands;
using Kairos.Stages.Engine.Recording;
using Kairos.Stages.Target.Platform;
using Kairos.Stages.Tests.Content;

namespace Kairos.Stages.Tests.Recorded;

/// <summary>
/// The real <c>run</c> command against a fake root (an os-release sample and an x86-64 ELF header
/// as /bin/sh) through a <see cref="RecordingTarget"/>: commands are recorded, files really written.
/// Every command, <c>if</c> conditions included, answers exit 0, so every conditional step runs.
/// </summary>
internal sealed partial class RecordedRun : IDisposable
{
    private readonly TempRoot _root = new("ks-recorded-");

    private RecordedRun(string sample)
    {
        _root.Write("/etc/os-release", File.ReadAllText(ContentStages.SamplePath(sample)));
        _root.CreateDirectory("/bin");
        File.WriteAllBytes(_root.HostPath("/bin/sh"), ElfHeaderX86_64());
    }

    public string Root => _root.Path;

    public int Code { get; private set; }

    public string Error { get; private set; } = string.Empty;

    public IReadOnlyList<JournalEntry> Journal { get; private set; } = [];

    /// <summary>What <c>plan --format json</c> printed for the root before the run, when asked for.</summary>
    public string PlanJson { get; private set; } = string.Empty;

    /// <summary>Runs <c>kairos-stages run --root ROOT</c> plus <paramref name="args"/> for the distro sample <paramref name="sample"/>.</summary>
    public static Task<RecordedRun> StartAsync(string sample, params string[] args) => StartAsync(sample, null, args);

    /// <summary>As <see cref="StartAsync(string, string[])"/>, after <c>plan --format json</c> with <paramref name="planArgs"/> on the same root.</summary>
    public static async Task<RecordedRun> StartAsync(string sample, string[]? planArgs, params string[] args)
    {
        var run = new RecordedRun(sample);
        if (planArgs is not null)
        {
            var plan = new StringWriter();
            var planError = new StringWriter();
            var planCode = await CliApp.RunAsync(["plan", "--root", run.Root, "--format", "json", .. planArgs], plan, planError);
            Assert.True(planCode == 0, planError.ToString());
            run.PlanJson = plan.ToString();
        }

        RecordingTarget? target = null;
        var output = new StringWriter();
        var error = new StringWriter();
        run.Code = await CliApp.RunAsync(["run", "--root", run.Root, .. args], output, error, root => target = new RecordingTarget(root));
        run.Error = error.ToString();
        run.Journal = target?.Journal ?? [];
        return run;
    }

    /// <summary>The journal as text with host paths replaced (the root by &lt;root&gt;, the temp directory by &lt;tmp&gt;) and the run record's varying bytes masked.</summary>
    public string Normalized(params string[] hostPaths)
    {
        var text = new StringBuilder();
        foreach (var entry in Journal)
        {
            var line = entry.ToString();
            if (entry.Operation == JournalOperation.WriteFile && entry.Subject == RunRecord.PathInRoot)
            {
                // Timings and the process command line make the record differ on every run.
                line = VaryingContent().Replace(line, "<varies> bytes sha256:<varies>");
            }

            text.Append(Scrub(line, hostPaths)).Append('\n');
        }

        return text.ToString();
    }

    /// <summary>Replaces the fake root, <paramref name="hostPaths"/> and the host's temp directory by placeholders.</summary>
    public string Scrub(string text, params string[] hostPaths)
    {
        text = text.Replace(Root, "<root>", StringComparison.Ordinal);
        foreach (var path in hostPaths)
        {
            text = text.Replace(path, "<host>", StringComparison.Ordinal);
        }

        return text.Replace(Path.GetTempPath().TrimEnd('/'), "<tmp>", StringComparison.Ordinal);
    }

    public void Dispose() => _root.Dispose();

    /// <summary>The 20 bytes of an ELF64 little-endian header that name the machine x86-64 (what arch detection reads).</summary>
    private static byte[] ElfHeaderX86_64() =>
        [0x7f, (byte)'E', (byte)'L', (byte)'F', 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0x3E, 0];

    [GeneratedRegex(@"\d+ bytes sha256:[0-9a-f]{64}")]
    private static partial Regex VaryingContent();
}
