using System.Diagnostics;
using System.Globalization;
using Kairos.Stages.Cli.Commands;
using Kairos.Stages.Engine.Recording;
using Kairos.Stages.Target.Platform;
using Kairos.Stages.Tests.Content;
using Kairos.Stages.Tests.Support;

namespace Kairos.Stages.Tests.Faults;

/// <summary>
/// One fault's world: a busybox root (on a small tmpfs when asked), a forked stages directory
/// holding only the data files (no bundled step interferes), a host extension directory with the
/// fault's yaml; and the real <c>kairos-stages run</c> against it, in-process or as a child process.
/// </summary>
internal sealed class FaultScene : IDisposable
{
    public const string Marker = "/tmp/sleeping";

    private readonly TempRoot _work = new("ks-fault-");
    private readonly bool _tmpfs;

    public FaultScene(FaultCase fault)
    {
        Root = _work.CreateDirectory("root");
        if (fault.TmpfsMiB is { } size)
        {
            Programs.Run("mount", "-t", "tmpfs", "-o", $"size={size}m,mode=0755", "ks-fault", Root);
            _tmpfs = true;
        }

        BusyboxRoot.Populate(Root, "debian");
        fault.Arrange?.Invoke(Root);
        var data = _work.CreateDirectory("stages/data");
        foreach (var file in Directory.EnumerateFiles(Path.Combine(ContentStages.StagesDirectory, "data")))
        {
            File.Copy(file, Path.Combine(data, Path.GetFileName(file)));
        }

        _work.Write("extensions/10-fault.yaml", fault.Yaml);
    }

    public string Root { get; }

    public string[] Arguments =>
        ["run", "--root", Root, "--stages-dir", _work.HostPath("stages"), "--extensions-dir", _work.HostPath("extensions"), "--stage", "after-install", "--version", "1.0.0"];

    public string HostPath(string pathInRoot) => Path.Combine(Root, pathInRoot.TrimStart('/'));

    /// <summary>The names in a directory of the root (none when it does not exist).</summary>
    public IReadOnlyList<string> Entries(string directory) =>
        Directory.Exists(HostPath(directory)) ? [.. Directory.EnumerateFileSystemEntries(HostPath(directory)).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal)] : [];

    public async Task<FaultOutcome> RunInProcessAsync()
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await CliApp.RunAsync(Arguments, output, error);
        return Observe(code, error.ToString() + output);
    }

    /// <summary>Starts the built CLI, waits until the fault step's command runs (it touches <see cref="Marker"/>), sends the signal.</summary>
    public async Task<FaultOutcome> RunSignalledAsync(string signal)
    {
        // SIGINT as a terminal's Ctrl-C delivers it, even when this test run inherited it ignored (a background job of a
        // shell without job control); env execs dotnet, so the pid signalled below is the CLI's
        var info = new ProcessStartInfo("/usr/bin/env") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in (string[])["--default-signal=INT", "dotnet", Path.Combine(AppContext.BaseDirectory, "kairos-stages.dll"), .. Arguments])
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info)!;
        var error = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        try
        {
            for (var waited = 0; !File.Exists(HostPath(Marker)) && !process.HasExited && waited < 600; waited++)
            {
                await Task.Delay(100, TestContext.Current.CancellationToken);
            }

            if (File.Exists(HostPath(Marker)))
            {
                Programs.Run("kill", $"-{signal}", process.Id.ToString(CultureInfo.InvariantCulture));
            }

            using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            await process.WaitForExitAsync(limit.Token);
            return Observe(process.ExitCode, await error + await output);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }

    /// <summary>Unmounts the tmpfs (lazily, in case something still holds it), then removes everything.</summary>
    public void Dispose()
    {
        if (_tmpfs)
        {
            using var umount = Process.Start("umount", ["-l", Root]);
            umount.WaitForExit();
        }

        _work.Dispose();
    }

    private FaultOutcome Observe(int code, string messages)
    {
        var record = HostPath(RunRecord.PathInRoot);
        return new FaultOutcome(code, messages)
        {
            Mounts = [.. MountTable.MountsUnder(Root).Where(m => m != Root)],
            Processes = ProcessesIn(Root),
            Record = File.Exists(record) ? File.ReadAllText(record) : null,
            Ran = File.Exists(HostPath("/tmp/never")),
        };
    }

    /// <summary>Host processes whose root directory is the root: a command left running.</summary>
    private static IReadOnlyList<int> ProcessesIn(string root) =>
        [.. Directory.EnumerateDirectories("/proc")
            .Select(d => (Pid: int.TryParse(Path.GetFileName(d), out var pid) ? pid : 0, Dir: d))
            .Where(p => p.Pid > 0 && RootOf(p.Dir) == root)
            .Select(p => p.Pid)];

    private static string? RootOf(string procDirectory)
    {
        try
        {
            return new DirectoryInfo(Path.Combine(procDirectory, "root")).LinkTarget;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null; // gone meanwhile
        }
    }
}
