using System.Diagnostics;
using Kairos.Stages.Platform;

namespace Kairos.Stages.Checks.Adapters;

/// <summary>
/// Temporary: runs validate's few read-only commands (<c>lsinitrd</c>) with <c>/bin/sh -c</c> when the
/// root is <c>/</c> and through <c>chroot ROOT</c> otherwise, until the platform branch's
/// <c>LocalTarget</c>/<c>ChrootTarget</c> land (the lead swaps it in the validate command).
/// </summary>
internal sealed class ShellTarget(string root) : ITarget
{
    public string Root { get; } = Path.GetFullPath(root);

    public IRootFileSystem Files { get; } = new RootFileSystem(root);

    public async Task<CommandResult> RunAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(Root == "/" ? "/bin/sh" : "chroot")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        if (Root != "/")
        {
            start.ArgumentList.Add(Root);
            start.ArgumentList.Add("/bin/sh");
        }

        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(request.Script);
        foreach (var (key, value) in request.Environment)
        {
            start.Environment[key] = value;
        }

        var clock = Stopwatch.StartNew();
        try
        {
            using var process = Process.Start(start) ?? throw new IOException($"cannot start {start.FileName}");
            var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
            var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
            await process.WaitForExitAsync(cancellationToken);
            return new CommandResult(process.ExitCode, await stdout + await stderr, clock.Elapsed);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return new CommandResult(127, $"{start.FileName}: {e.Message}", clock.Elapsed);
        }
    }
}
