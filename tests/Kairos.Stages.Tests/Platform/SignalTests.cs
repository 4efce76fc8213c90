using System.Diagnostics;
using Kairos.Stages.Target.Platform;

namespace Kairos.Stages.Tests.Platform;

/// <summary>A separate process (tests/SignalProbe) runs a chroot command and gets a signal: it must exit 130/143 and leave no mount.</summary>
public sealed class SignalTests
{
    [Theory]
    [InlineData("TERM", 143, false)]
    [InlineData("INT", 130, false)]
    [InlineData("TERM", 143, true)]
    [InlineData("INT", 130, true)]
    public async Task Signal_during_or_between_chroot_commands_unmounts_and_exits_with_the_signal_code(string signal, int expectedExit, bool betweenCommands)
    {
        // arrange
        using var root = ChrootSupport.RequireBusyboxRoot();
        var probe = ProbePath();
        string[] arguments = betweenCommands ? [probe, root.Path, "idle"] : [probe, root.Path];
        // SIGINT as a terminal's Ctrl-C delivers it: a test run started in the background by a shell without job control
        // (CI=true bash .ci/run &) inherits SIGINT ignored, and a program rightly keeps an ignored SIGINT ignored
        var info = new ProcessStartInfo("/usr/bin/env", ["--default-signal=INT", "dotnet", .. arguments]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(info)!;
        try
        {
            var ready = await WaitForLineAsync(process, "ready", TimeSpan.FromSeconds(60));
            if (!ready)
            {
                Assert.Fail("the probe never started its command: " + await process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken));
            }

            Assert.NotEmpty(MountTable.MountsUnder(root.Path));

            // act
            Programs.Run("kill", $"-{signal}", process.Id.ToString());
            var rest = await process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
            await process.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token);

            // assert
            Assert.Equal(expectedExit, process.ExitCode);
            Assert.Equal(!betweenCommands, rest.Contains("interrupted", StringComparison.Ordinal));
            Assert.Empty(MountTable.MountsUnder(root.Path));
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }

    private static async Task<bool> WaitForLineAsync(Process process, string expected, TimeSpan limit)
    {
        using var timeout = new CancellationTokenSource(limit);
        while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            TestContext.Current.TestOutputHelper?.WriteLine($"{DateTime.Now:T} {line}");
            if (line == expected)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// tests/SignalProbe/bin/CONFIG/net10.0/SignalProbe.dll beside this assembly's bin folder; the
    /// same configuration first, then any (a solution build builds an out-of-solution reference as Debug).
    /// </summary>
    private static string ProbePath()
    {
        var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd('/'));
        var framework = output.Name;
        var configuration = output.Parent!.Name;
        var bin = Path.Combine(output.Parent.Parent!.Parent!.Parent!.FullName, "SignalProbe", "bin");
        var probe = new[] { configuration, "Debug", "Release" }
            .Select(c => Path.Combine(bin, c, framework, "SignalProbe.dll"))
            .FirstOrDefault(File.Exists);
        if (probe is null)
        {
            Assert.Skip($"SignalProbe is not built under {bin}");
        }

        return probe;
    }
}
