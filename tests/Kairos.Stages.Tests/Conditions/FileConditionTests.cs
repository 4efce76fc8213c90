using Kairos.Stages.Engine.Conditions;
using Kairos.Stages.FrontEnd.Model;
using Kairos.Stages.Tests.Actions;

namespace Kairos.Stages.Tests.Conditions;

public sealed class FileConditionTests
{
    [Theory]
    [InlineData("", "", false, "is neither systemd nor openrc")]
    [InlineData("", "foo", false, "is neither systemd nor openrc")]
    [InlineData("", "systemd", false, "no systemctl")]
    [InlineData("/usr/bin/systemctl /sbin/openrc", "systemd", false, "both")]
    [InlineData("/usr/bin/systemctl", "systemd", true, null)]
    [InlineData("/bin/systemctl", "SystemD", true, null)]
    [InlineData("/sbin/openrc", "openrc", true, null)]
    [InlineData("/sbin/openrc", "systemd", false, "no systemctl")]
    public async Task Only_service_manager_probes_the_root(string present, string wanted, bool runs, string? reason)
    {
        // arrange
        using var root = new TempRoot();
        foreach (var file in present.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            root.Write(file, "");
        }

        // act
        var result = await new OnlyServiceManagerCondition().EvaluateAsync(
            new Step { OnlyServiceManager = wanted == "" ? "x" : wanted }, Contexts.For(new ScriptedTarget(root)), TestContext.Current.CancellationToken);

        // assert
        Assert.Equal(runs, result.Run);
        if (reason is not null)
        {
            Assert.Contains(reason, result.Reason);
        }
    }

    [Theory]
    [InlineData("/a /b", "", "", true)]
    [InlineData("/a /missing", "", "", false)]
    [InlineData("", "/missing /b", "", true)]
    [InlineData("", "/missing /other", "", false)]
    [InlineData("", "", "/missing", true)]
    [InlineData("", "", "/a", false)]
    [InlineData("", "", "", true)]
    [InlineData("/a", "", "/missing", true)]
    public async Task If_files_checks_all_any_and_none_in_the_root(string all, string any, string none, bool runs)
    {
        // arrange
        using var root = new TempRoot();
        root.Write("/a", "").Write("/b", "");
        static string[] Split(string s) => s.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var step = new Step { IfFiles = new IfFiles { All = Split(all), Any = Split(any), None = Split(none) } };

        // act
        var result = await new IfFilesCondition().EvaluateAsync(step, Contexts.For(new ScriptedTarget(root)), TestContext.Current.CancellationToken);

        // assert
        Assert.Equal(runs, result.Run);
    }

    [Fact]
    public void An_empty_list_is_no_constraint()
    {
        // act + assert
        Assert.False(new IfFilesCondition().IsPresent(new Step { IfFiles = new IfFiles() }));
    }

    [Fact]
    public async Task If_runs_the_templated_command_in_the_target()
    {
        // arrange
        using var root = new TempRoot();
        root.Write("/marker", "");
        var target = new HostShellTarget(root);
        var context = Contexts.For(target);

        // act
        var pass = await new IfCondition().EvaluateAsync(new Step { If = "test -e marker && [ {{.Values.os.architecture}} = amd64 ]" }, context, TestContext.Current.CancellationToken);
        var skip = await new IfCondition().EvaluateAsync(new Step { If = "exit 1" }, context, TestContext.Current.CancellationToken);

        // assert
        Assert.True(pass.Run);
        Assert.Equal("test -e marker && [ amd64 = amd64 ]", target.Requests[0].Script);
        Assert.Equal("if 'exit 1' exited with 1", skip.Reason);
    }

    [Fact]
    public void Catalog_is_in_yips_condition_order()
    {
        // act + assert
        Assert.Equal(FrontEnd.Model.StepKeys.Conditions, ConditionCatalog.All.Select(c => c.Key));
    }
}
