using Kairos.Stages.Target.Context;

namespace Kairos.Stages.Tests.Context;

public sealed class KairosVersionTests
{
    [Theory]
    [InlineData("1.2.3", "v1.2.3")]
    [InlineData("v1.2.3", "v1.2.3")]
    [InlineData("1.0", "v1.0.0")]
    [InlineData("1", "v1.0.0")]
    [InlineData("v3.2.1-rc1+x", "v3.2.1-rc1+x")]
    [InlineData("01.02.03", "v1.2.3")]
    [InlineData("1.2.3+build.5", "v1.2.3+build.5")]
    [InlineData("2.0.0-alpha.1", "v2.0.0-alpha.1")]
    public void Semver_forms_are_normalised_with_a_v_prefix(string input, string expected)
    {
        // act
        var ok = KairosVersion.TryNormalize(input, out var normalized, out var error);

        // assert
        Assert.True(ok, error);
        Assert.Equal(expected, normalized);
    }

    [Theory]
    [InlineData("latest")]
    [InlineData("1.2.3beta")]
    [InlineData("v")]
    [InlineData("1..2")]
    [InlineData("1.2.3 ")]
    [InlineData("1.2.3\n")]
    [InlineData("1.2.3.4")] // go-version's NewSemver took a fourth segment; a Kairos version is SemVer 2.0
    [InlineData("1.2.3-rc~1")]
    public void Malformed_version_is_rejected_naming_the_value(string input)
    {
        // act
        var ok = KairosVersion.TryNormalize(input, out _, out var error);

        // assert
        Assert.False(ok);
        Assert.Contains($"'{input}'", error);
    }

    [Fact]
    public void Missing_version_is_rejected()
    {
        // act
        var ok = KairosVersion.TryNormalize("", out _, out var error);

        // assert
        Assert.False(ok);
        Assert.Contains("--version is required", error);
    }
}
