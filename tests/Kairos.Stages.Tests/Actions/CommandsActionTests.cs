using Kairos.Stages.Engine.Actions;
using Kairos.Stages.FrontEnd.Model;

namespace Kairos.Stages.Tests.Actions;

public sealed class CommandsActionTests
{
    [Fact]
    public async Task Runs_templated_commands_in_list_order()
    {
        // arrange
        using var root = new TempRoot();
        var target = new HostShellTarget(root);
        var step = new Step { Commands = ["echo {{.Values.os.architecture}} > out", "echo second >> out"] };

        // act
        var outcome = await new CommandsAction().RunAsync(step, Contexts.For(target), TestContext.Current.CancellationToken);

        // assert
        Assert.True(outcome.Succeeded);
        Assert.Equal(["echo amd64 > out", "echo second >> out"], target.Requests.Select(r => r.Script));
        Assert.Equal("amd64\nsecond\n", root.Read("/out"));
    }

    [Fact]
    public async Task A_failure_carries_the_command_exit_code_and_the_last_20_lines()
    {
        // arrange
        using var root = new TempRoot();
        var step = new Step { Commands = ["for i in $(seq 1 30); do echo line$i; done; exit 3", "echo after > after"] };

        // act
        var outcome = await new CommandsAction().RunAsync(step, Contexts.For(new HostShellTarget(root)), TestContext.Current.CancellationToken);

        // assert
        var failure = outcome.Failures.Single();
        Assert.Equal(3, failure.ExitCode);
        Assert.StartsWith("for i in", failure.Command);
        Assert.Equal(string.Join('\n', Enumerable.Range(11, 20).Select(i => $"line{i}")), failure.OutputTail);
        Assert.False(root.Exists("/after"));
    }

    [Fact]
    public async Task Carry_on_mode_runs_the_next_command_and_aggregates()
    {
        // arrange
        using var root = new TempRoot();
        var step = new Step { Commands = ["exit 1", "echo after > after", "exit 2"] };

        // act
        var outcome = await new CommandsAction().RunAsync(step, Contexts.For(new HostShellTarget(root), failFast: false), TestContext.Current.CancellationToken);

        // assert
        Assert.Equal([1, 2], outcome.Failures.Select(f => f.ExitCode ?? 0));
        Assert.True(root.Exists("/after"));
    }

    [Fact]
    public async Task Failures_mask_url_passwords_and_authorization_values()
    {
        // arrange
        using var root = new TempRoot();
        var step = new Step { Commands = ["echo 'curl -H \"Authorization: Bearer abc123\" https://u:pw@example.com/x' && exit 4"] };

        // act
        var outcome = await new CommandsAction().RunAsync(step, Contexts.For(new HostShellTarget(root)), TestContext.Current.CancellationToken);

        // assert
        var failure = outcome.Failures.Single();
        foreach (var text in new[] { failure.Message, failure.Command!, failure.OutputTail! })
        {
            Assert.DoesNotContain("abc123", text);
            Assert.DoesNotContain("pw@", text);
        }

        Assert.Contains("https://u:***@example.com/x", failure.OutputTail);
        Assert.Contains("Authorization: Bearer ***", failure.Command);
    }
}
