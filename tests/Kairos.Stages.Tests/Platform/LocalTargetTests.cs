using Kairos.Stages.Target.Platform;

namespace Kairos.Stages.Tests.Platform;

public sealed class LocalTargetTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Runs_the_script_with_the_request_environment_and_merged_output()
    {
        // arrange
        var target = new LocalTarget();
        var lines = new List<string>();
        var request = new CommandRequest("echo \"$KAIROS_TEST\"; echo oops >&2; exit 3")
        {
            Environment = new Dictionary<string, string> { ["KAIROS_TEST"] = "value" },
            OnOutput = lines.Add,
        };

        // act
        var result = await target.RunAsync(request, Token);

        // assert
        Assert.Equal(3, result.ExitCode);
        Assert.Equal("value\noops\n", result.Output);
        Assert.Equal(["value", "oops"], lines);
        Assert.Equal("/", target.Root);
    }

    [Fact]
    public async Task Cancellation_kills_background_children_too()
    {
        // arrange
        var target = new LocalTarget();
        using var cancel = new CancellationTokenSource();
        var pids = new List<int>();
        var request = new CommandRequest("sleep 31 & echo $!; sleep 32 & echo $!; wait")
        {
            OnOutput = line =>
            {
                lock (pids)
                {
                    pids.Add(int.Parse(line));
                    if (pids.Count == 2)
                    {
                        cancel.Cancel();
                    }
                }
            },
        };

        // act
        var error = await Record.ExceptionAsync(() => target.RunAsync(request, cancel.Token));

        // assert
        Assert.IsType<OperationCanceledException>(error, exactMatch: false);
        foreach (var pid in pids)
        {
            await ChrootSupport.AssertGoneAsync(pid);
        }
    }

    [Fact]
    public async Task Timeout_returns_exit_124_with_the_output_so_far()
    {
        // arrange
        var target = new LocalTarget();

        // act
        var result = await target.RunAsync(new CommandRequest("echo before; sleep 30") { Timeout = TimeSpan.FromMilliseconds(500) }, Token);

        // assert
        Assert.True(result.TimedOut);
        Assert.Equal(124, result.ExitCode);
        Assert.StartsWith("before\n", result.Output);
        Assert.Contains("timeout", result.Tail(1));
    }
}
