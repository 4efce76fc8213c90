using System.Diagnostics;
using Kairos.Stages.Target.Platform;

namespace Kairos.Stages.Tests.Actions;

/// <summary>Test-only target: commands run with /bin/sh -c on the host with the root as working directory.</summary>
public sealed class HostShellTarget : ITarget
{
    public HostShellTarget(TempRoot root)
    {
        Root = root.Path;
        Files = root.Files;
    }

    public string Root { get; }

    public IRootFileSystem Files { get; }

    public List<CommandRequest> Requests { get; } = [];

    public async Task<CommandResult> RunAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        Requests.Add(request);
        var info = new ProcessStartInfo("/bin/sh") { WorkingDirectory = Root, RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add(request.Script + " 2>&1");
        foreach (var (key, value) in request.Environment)
        {
            info.Environment[key] = value;
        }

        var watch = Stopwatch.StartNew();
        using var process = Process.Start(info)!;
        var output = await process.StandardOutput.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        return new CommandResult(process.ExitCode, output, watch.Elapsed);
    }
}
