using System.CommandLine;

namespace Kairos.Stages.Cli.Commands;

/// <summary>The flags only <c>run</c> has.</summary>
public sealed class RunOptions
{
    public Option<string?> ArtifactsDir { get; } = new("--artifacts-dir") { Description = "read artifacts from this directory (see 'artifacts fetch') instead of downloading" };

    public Option<bool> KeepGoing { get; } = new("--keep-going") { Description = "yip semantics: finish the failing stage, then stop" };

    public Option<bool> DryRun { get; } = new("--dry-run") { Description = "print the plan and write nothing" };

    public Option<string> Output { get; } = new("--output") { Description = "text (progress on stderr) or json (JSON Lines events on stdout)", DefaultValueFactory = _ => "text" };

    public Option<bool> Force { get; } = new("--force") { Description = "allow --root / outside a container or chroot" };

    public Option<bool> Quiet { get; } = new("--quiet", "-q") { Description = "finished steps and errors only: no live status line, no heartbeats, no step-progress events" };

    public Option<string> Color { get; } = new("--color") { Description = "colour the progress: auto (a terminal, unless NO_COLOR is set), always or never", DefaultValueFactory = _ => "auto" };

    public RunOptions()
    {
        Output.AcceptOnlyFromAmong("text", "json");
        Color.AcceptOnlyFromAmong("auto", "always", "never");
    }

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { ArtifactsDir, KeepGoing, DryRun, Output, Force, Quiet, Color })
        {
            command.Options.Add(option);
        }
    }
}
