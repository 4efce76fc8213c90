using Kairos.Stages.FrontEnd.PackageMaps;
using Kairos.Stages.Target.Versions;

namespace Kairos.Stages.Tests.Packages;

public sealed class VersionConstraintTests
{
    private static HashicorpVersion V(string text) =>
        HashicorpVersion.TryParse(text, out var version) ? version : throw new ArgumentException(text);

    [Theory]
    [InlineData("24.04", "24.4.0")]
    [InlineData("v1.2", "1.2.0")]
    [InlineData("12", "12.0.0")]
    [InlineData("1.2.3.4", "1.2.3.4")]
    [InlineData("20250101", "20250101.0.0")]
    [InlineData("1.2.3beta", "1.2.3-beta")]
    [InlineData("1.2.3-rc.1+meta", "1.2.3-rc.1+meta")]
    public void Lenient_parse_canonicalises_like_go_version(string text, string canonical)
    {
        // act and assert
        Assert.Equal(canonical, V(text).ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("rolling")]
    [InlineData("1.")]
    [InlineData("1.2.3 ")]
    public void Unparseable_versions_are_rejected(string text)
    {
        // act and assert
        Assert.False(HashicorpVersion.TryParse(text, out _));
    }

    [Theory]
    [InlineData("22.04", "22.04", true)]
    [InlineData("22.04", "24.04", false)]
    [InlineData(">=22.04", "24.04", true)]
    [InlineData(">=13", "12", false)]
    [InlineData("12", "12.0.0", true)]
    [InlineData("<26.04", "24.04", true)]
    [InlineData("<10", "9.5", true)]
    [InlineData("<10", "10.0", false)]
    [InlineData(">=9.0", "9.5", true)]
    [InlineData("!=5.4, !=5.5", "15.6", true)]
    [InlineData("!=5.4, !=5.5", "5.4", false)]
    [InlineData("> 1.0, < 2.0", "1.5", true)]
    [InlineData("<= 1.0", "1.0.0", true)]
    [InlineData("= 3.21", "3.21", true)]
    [InlineData("~> 1.2", "1.9", true)]
    [InlineData("~> 1.2", "2.0", false)]
    [InlineData("~> 1.2.3", "1.2.9", true)]
    [InlineData("~> 1.2.3", "1.3.0", false)]
    [InlineData(">=1.0", "1.1.0-rc1", false)]
    public void Constraint_checks_follow_go_version(string constraint, string version, bool expected)
    {
        // arrange
        Assert.True(VersionConstraint.TryParse(constraint, out var parsed));

        // act and assert
        Assert.Equal(expected, parsed.Check(V(version)));
    }

    [Theory]
    [InlineData("common", "1.0", true)]
    [InlineData("20.04 || 22.04 || 24.04 || 28.04", "24.04", true)]
    [InlineData("20.04 || 22.04 || 24.04 || 28.04", "26.04", false)]
    [InlineData("24.10 || 25.04 || 25.10", "25.10", true)]
    [InlineData("bogus || 22.04", "22.04", true)]
    public void Or_keys_match_when_any_alternative_matches(string key, string version, bool expected)
    {
        // act and assert
        Assert.Equal(expected, ConstraintKey.Matches(key, V(version)));
    }

    [Theory]
    [InlineData("common", true)]
    [InlineData(">=22.04 || 20.04", true)]
    [InlineData(">>22.04", false)]
    [InlineData("", false)]
    public void Key_validity_is_checked_for_the_data_file(string key, bool valid)
    {
        // act and assert
        Assert.Equal(valid, ConstraintKey.IsValid(key));
    }
}
