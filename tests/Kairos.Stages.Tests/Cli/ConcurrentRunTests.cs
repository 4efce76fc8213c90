using System.Diagnostics;
using Kairos.Stages.Engine.Pipeline;
using Kairos.Stages.Tests.Support;

namespace Kairos.Stages.Tests.Cli;

/// <summary>Two real <c>kairos-stages run</c> processes on one root: the second refuses at once (exit 2) without touching it; the first finishes.</summary>
[Slow(SlowKind.Long)]
public sealed class ConcurrentRunTests
{
    private const int Rounds = 3;

    /// <summary>Every bundled step: only the extension's holding step runs.</summary>
    private const string AllBundled = "installPackages,installKernel,branding,grub,miscellaneous,cloudconfigs,kairosBinaries," +
        "providerBinaries,kubernetes,kairosRelease,kernel,initramfsConfigs,initrd,services,sshHardening,workarounds,cleanup";

    /// <summary>Holds the run (and its lock) until the test creates /tmp/release, a minute at most.</summary>
    private const string Holding = """
        stages:
          after-install:
            - name: hold
              commands:
                - touch /tmp/started; i=0; while [ ! -e /tmp/release ] && [ $i -lt 600 ]; do sleep 0.1; i=$((i+1)); done
        """;

    [Fact]
    public async Task Second_run_on_a_locked_root_exits_2_naming_the_holder_and_changes_nothing()
    {
        // arrange
        if (!Environment.IsPrivilegedProcess || !BusyboxRoot.Available)
        {
            Assert.Skip("needs root (chroot) and a static /bin/busybox");
        }

        var clock = Stopwatch.StartNew();
        var failures = new List<string>();

        // act
        for (var round = 0; round < Rounds; round++)
        {
            if (await RoundAsync() is { } failure)
            {
                failures.Add($"round {round}: {failure}");
            }
        }

        // assert
        Figures.Report("concurrent runs on one root", Rounds, Rounds - failures.Count, clock.Elapsed,
            "second process: exit 2, names the holder's pid, root byte-identical; first process: exit 0");
        Assert.True(failures.Count == 0, string.Join("\n\n", failures));
    }

    private static async Task<string?> RoundAsync()
    {
        using var root = new BusyboxRoot("debian");
        root.Directory.Write("/etc/kairos-init/stage-extensions/10-hold.yaml", Holding);
        using var first = Start(root.Path);
        try
        {
            if (!await WaitForAsync(() => File.Exists(root.HostPath("/tmp/started")) || first.HasExited, TimeSpan.FromSeconds(60)) || first.HasExited)
            {
                return "the first run never reached its holding step: " + await first.StandardError.ReadToEndAsync();
            }

            var before = RootSnapshot.Take(root.Path);
            using var second = Start(root.Path);
            var secondError = await second.StandardError.ReadToEndAsync();
            await second.WaitForExitAsync();
            var changes = before.Diff(RootSnapshot.Take(root.Path));
            await File.WriteAllTextAsync(root.HostPath("/tmp/release"), "");
            var firstError = await first.StandardError.ReadToEndAsync();
            await first.WaitForExitAsync();

            var problems = new List<string>();
            if (second.ExitCode != 2)
            {
                problems.Add($"second run exited {second.ExitCode}, not 2");
            }

            if (!secondError.Contains($"another kairos-stages run (pid {first.Id}) is working on {root.Path}", StringComparison.Ordinal))
            {
                problems.Add("second run's message does not name the holder and the root");
            }

            if (changes.Length > 0)
            {
                problems.Add("second run changed the root:\n" + changes);
            }

            if (first.ExitCode != 0 || !File.Exists(root.HostPath("/etc/kairos/kairos-stages/run.json")))
            {
                problems.Add($"first run exited {first.ExitCode} without its run record:\n{firstError}");
            }

            return problems.Count == 0 ? null : string.Join("; ", problems) + $"\nsecond stderr: {secondError.Trim()}";
        }
        finally
        {
            if (!first.HasExited)
            {
                first.Kill(entireProcessTree: true);
            }
        }
    }

    /// <summary><c>dotnet kairos-stages.dll run</c> from the test's output folder (the CLI project is referenced, so it is copied there).</summary>
    private static Process Start(string root)
    {
        var info = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "kairos-stages.dll"), "run", "--root", root, "--version", "1.0.0", "--skip-steps", AllBundled])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        info.Environment.Remove(ExtensionFiles.EnvironmentVariable);
        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        return process;
    }

    private static async Task<bool> WaitForAsync(Func<bool> condition, TimeSpan limit)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > limit)
            {
                return false;
            }

            await Task.Delay(50);
        }

        return true;
    }
}
