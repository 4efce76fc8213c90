using System.Diagnostics;
using Kairos.Stages.Target.Platform;

namespace Kairos.Stages.Tests.BootTime;

/// <summary>
/// Runs commands as <c>chroot ROOT /bin/sh -c</c> WITHOUT mounting /proc, /sys or /dev: the boot
/// stages under test read /proc/cmdline and write /proc/sys as plain files of the test root, and
/// must never reach the host kernel's.
/// </summary>
public sealed class PlainChrootTarget(string root) : ITarget
{
    public string Root { get; } = root;

    public IRootFileSystem Files { get; } = new RootFileSystem(root);

    public async Task<CommandResult> RunAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        // Own UTS and mount namespaces: busybox sh runs its hostname/mount applets ahead of any
        // stand-in on PATH, and a boot stage's sethostname or mount must not reach this machine.
        var info = new ProcessStartInfo("/usr/bin/unshare") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "--uts", "--mount", "/usr/sbin/chroot", Root, "/bin/sh", "-c", "exec 2>&1; " + request.Script })
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment.Clear();
        info.Environment["PATH"] = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
        info.Environment["HOME"] = "/root";
        foreach (var (key, value) in request.Environment)
        {
            info.Environment[key] = value;
        }

        var clock = Stopwatch.StartNew();
        using var process = Process.Start(info)!;
        var output = await process.StandardOutput.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        return new CommandResult(process.ExitCode, output, clock.Elapsed);
    }
}
