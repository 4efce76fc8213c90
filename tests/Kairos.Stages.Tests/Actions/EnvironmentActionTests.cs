using Kairos.Stages.Engine.Actions;
using Kairos.Stages.FrontEnd.Diagnostics;
using Kairos.Stages.FrontEnd.Model;

namespace Kairos.Stages.Tests.Actions;

public sealed class EnvironmentActionTests
{
    private static KeyValue Kv(string key, string value) => new(key, value, SourceSpan.None("t"));

    [Fact]
    public async Task Writes_an_integer_bare_and_creates_the_parent_with_0744()
    {
        // arrange
        using var root = new TempRoot();
        var step = new Step { Environment = [Kv("foo", "0")], EnvironmentFile = "/run/cos/env" };

        // act
        var outcome = await new EnvironmentAction().RunAsync(step, Contexts.For(new ScriptedTarget(root)), TestContext.Current.CancellationToken);

        // assert
        Assert.True(outcome.Succeeded);
        Assert.Equal("foo=0\n", root.Read("/run/cos/env"));
        Assert.Equal("0744", root.Mode("/run/cos"));
        Assert.Equal("0644", root.Mode("/run/cos/env"));
    }

    [Fact]
    public async Task Merges_sorts_quotes_escapes_and_normalises_like_godotenv()
    {
        // arrange
        using var root = new TempRoot();
        root.Write("/etc/environment", "# a comment\nexport OLD=\"kept value\"\nB=replaced\nPATH=/usr/bin\n");
        var step = new Step
        {
            Environment =
            [
                Kv("B", "new"), Kv("N", "007"), Kv("NEG", "-12"), Kv("S", "a\\b\"c!d$e`f"), Kv("NL", "x\ny\rz"),
                Kv("T", "{{.Values.os.architecture}}"),
            ],
        };

        // act
        await new EnvironmentAction().RunAsync(step, Contexts.For(new ScriptedTarget(root)), TestContext.Current.CancellationToken);

        // assert
        Assert.Equal(
            "B=\"new\"\nN=7\nNEG=-12\nNL=\"x\\ny\\rz\"\nOLD=\"kept value\"\nPATH=\"/usr/bin\"\nS=\"a\\\\b\\\"c\\!d\\$e\\`f\"\nT=\"amd64\"\n",
            root.Read("/etc/environment"));
    }

    [Fact]
    public async Task Rewriting_its_own_output_is_stable()
    {
        // arrange
        using var root = new TempRoot();
        var step = new Step { Environment = [Kv("S", "a\\b\"c!d$e`f\nx"), Kv("U", "plain")] };
        var context = Contexts.For(new ScriptedTarget(root));
        await new EnvironmentAction().RunAsync(step, context, TestContext.Current.CancellationToken);
        var first = root.Read("/etc/environment");

        // act
        await new EnvironmentAction().RunAsync(new Step { Environment = [Kv("U", "plain")] }, context, TestContext.Current.CancellationToken);

        // assert
        Assert.Equal(first, root.Read("/etc/environment"));
    }
}
