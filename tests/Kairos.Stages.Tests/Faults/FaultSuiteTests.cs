using System.Diagnostics;
using Kairos.Stages.Tests.Downloads;
using Kairos.Stages.Tests.Support;

namespace Kairos.Stages.Tests.Faults;

/// <summary>
/// Issue 8, faults: each fault runs the real <c>kairos-stages run</c> against a real busybox root
/// (commands really run in a chroot) and must end non-zero, say what failed, leave no mount and
/// write a run record saying where it stopped. Reports the figure "faults: tried, passed, time".
/// </summary>
[Slow(SlowKind.Long)]
public sealed class FaultSuiteTests
{
    [Fact]
    public async Task Every_fault_ends_non_zero_names_what_failed_leaves_no_mount_and_records_where_it_stopped()
    {
        // arrange
        if (!Environment.IsPrivilegedProcess || !BusyboxRoot.Available)
        {
            Assert.Skip("needs root and a static busybox (build/install-deps.sh)");
        }

        using var server = new TestHttpServer();
        var faults = FaultCatalog.All(server);
        var clock = Stopwatch.StartNew();
        var broken = new List<string>();

        // act
        foreach (var fault in faults)
        {
            var problems = await RunAsync(fault);
            TestContext.Current.TestOutputHelper?.WriteLine($"{(problems.Count == 0 ? "ok  " : "FAIL")} {fault.Name}{string.Concat(problems.Select(p => "\n     " + p))}");
            if (problems.Count > 0)
            {
                broken.Add($"{fault.Name}: {string.Join("; ", problems)}");
            }
        }

        // assert
        Figures.Report("faults", faults.Count, faults.Count - broken.Count, clock.Elapsed,
            broken.Count == 0 ? "every fault exits non-zero, names its cause, leaves no mount and records its step" : "broken: " + string.Join(", ", broken.Select(b => b.Split(':')[0])));
        Assert.True(broken.Count == 0, string.Join("\n", broken));
    }

    private static async Task<IReadOnlyList<string>> RunAsync(FaultCase fault)
    {
        using var scene = new FaultScene(fault);
        var before = fault.Destination is { } d ? scene.Entries(d) : [];
        var outcome = fault.Signal is { } signal ? await scene.RunSignalledAsync(signal) : await scene.RunInProcessAsync();
        var after = fault.Destination is { } destination ? scene.Entries(destination) : [];
        var problems = FaultCheck.Problems(fault, outcome, before, after);
        if (problems.Count > 0)
        {
            TestContext.Current.TestOutputHelper?.WriteLine($"---- {fault.Name}: exit {outcome.Code}\n{outcome.Messages}");
        }

        return problems;
    }
}
