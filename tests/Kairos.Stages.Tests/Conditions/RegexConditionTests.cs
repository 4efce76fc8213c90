using Kairos.Stages.Engine.Conditions;
using Kairos.Stages.FrontEnd.Model;
using Kairos.Stages.FrontEnd.Re2;
using Kairos.Stages.Tests.Actions;

namespace Kairos.Stages.Tests.Conditions;

public sealed class RegexConditionTests
{
    [Theory]
    [InlineData("Debian.*", true)]
    [InlineData("Ubuntu.*|Debian.*", true)]
    [InlineData("GNU", true)]
    [InlineData("debian", false)]
    [InlineData("weird", false)]
    public async Task Only_os_matches_the_pretty_name_unanchored_and_case_sensitive(string pattern, bool runs)
    {
        // arrange
        using var root = new TempRoot();

        // act
        var result = await new OnlyOsCondition().EvaluateAsync(new Step { OnlyOs = pattern }, Contexts.For(new ScriptedTarget(root)), TestContext.Current.CancellationToken);

        // assert
        Assert.Equal(runs, result.Run);
    }

    [Fact]
    public async Task Skip_reasons_are_precise_sentences()
    {
        // arrange
        using var root = new TempRoot();

        // act
        var result = await new OnlyOsCondition().EvaluateAsync(new Step { OnlyOs = "Ubuntu.*" }, Contexts.For(new ScriptedTarget(root)), TestContext.Current.CancellationToken);

        // assert
        Assert.Equal("only_os 'Ubuntu.*' does not match the OS name 'Debian GNU/Linux 12 (bookworm)'", result.Reason);
    }

    [Theory]
    [InlineData("^(?!ubuntu).*")]
    [InlineData("(?<=a)b")]
    [InlineData("(a)\\1")]
    [InlineData("(?>a)")]
    [InlineData("a++")]
    [InlineData("end\\Z")]
    [InlineData("(?(a)b|c)")]
    [InlineData("([a-z]")]
    public async Task Patterns_re2_rejects_skip_the_step(string pattern)
    {
        // arrange
        using var root = new TempRoot();

        // act
        var result = await new OnlyOsCondition().EvaluateAsync(new Step { OnlyOs = pattern }, Contexts.For(new ScriptedTarget(root)), TestContext.Current.CancellationToken);

        // assert
        Assert.False(result.Run);
        Assert.Contains("is not a valid RE2 regular expression", result.Reason);
    }

    [Theory]
    [InlineData("[\\d]+", null)]
    [InlineData("[(?=]x", null)]
    [InlineData("Red\\sHat.*", null)]
    [InlineData("a{2}+", "uses a possessive quantifier, which Go's RE2 rejects (yip skips the step)")]
    public void Re2_check_looks_past_classes_and_escapes(string pattern, string? expected)
    {
        // act + assert
        Assert.Equal(expected, Re2Pattern.Check(pattern));
    }

    [Theory]
    [InlineData("(?P<name>Debian) GNU", true)]
    [InlineData("^[[:alpha:]]+ GNU/Linux [[:digit:]]+", true)]
    [InlineData("^[[:digit:]]", false)]
    public async Task Re2_spellings_dotnet_lacks_are_translated(string pattern, bool runs)
    {
        // arrange
        using var root = new TempRoot();

        // act
        var result = await new OnlyOsCondition().EvaluateAsync(new Step { OnlyOs = pattern }, Contexts.For(new ScriptedTarget(root)), TestContext.Current.CancellationToken);

        // assert
        Assert.Equal(runs, result.Run);
    }

    [Theory]
    [InlineData("rocky", "9.4", "^9$", true)]
    [InlineData("almalinux", "8.10", "8", true)]
    [InlineData("ubuntu", "24.04", "^24\\.04$", true)]
    [InlineData("ubuntu", "24.04", "weird", false)]
    [InlineData("opensuse-leap", "15.6", "^15$", false)]
    public async Task Only_os_version_uses_version_id_and_the_major_for_rocky_and_alma(string id, string version, string pattern, bool runs)
    {
        // arrange
        using var root = new TempRoot();
        var context = Contexts.For(new ScriptedTarget(root), Contexts.Distro(id, id, version));

        // act
        var result = await new OnlyOsVersionCondition().EvaluateAsync(new Step { OnlyOsVersion = pattern }, context, TestContext.Current.CancellationToken);

        // assert
        Assert.Equal(runs, result.Run);
    }

    [Theory]
    [InlineData("amd64", "amd64|arm64|riscv64", true)]
    [InlineData("arm64", "amd64", false)]
    public async Task Only_arch_matches_the_build_architecture(string arch, string pattern, bool runs)
    {
        // arrange
        using var root = new TempRoot();

        // act
        var result = await new OnlyArchCondition().EvaluateAsync(new Step { OnlyArch = pattern }, Contexts.For(new ScriptedTarget(root), arch: arch), TestContext.Current.CancellationToken);

        // assert
        Assert.Equal(runs, result.Run);
    }

    [Fact]
    public async Task Node_matches_the_roots_hostname()
    {
        // arrange
        using var root = new TempRoot();
        root.Write("/etc/hostname", "kairos-node\n");
        var context = Contexts.For(new ScriptedTarget(root));

        // act
        var match = await new NodeCondition().EvaluateAsync(new Step { Node = "kairos-node" }, context, TestContext.Current.CancellationToken);
        var miss = await new NodeCondition().EvaluateAsync(new Step { Node = "barz" }, context, TestContext.Current.CancellationToken);

        // assert
        Assert.True(match.Run);
        Assert.False(miss.Run);
    }
}
