using Kairos.Stages.Target.Versions;

namespace Kairos.Stages.Tests.Kernel;

public sealed class RpmVersionComparerTests
{
    [Theory]
    [InlineData("5.14.0-503.el9_5.x86_64", "5.14.0-70.el9.x86_64")]
    [InlineData("6.11.4-301.fc41.x86_64", "6.9.12-200.fc40.x86_64")]
    [InlineData("1.10", "1.9")]
    [InlineData("1.0.1", "1.0")]
    [InlineData("1.0", "1.0~rc1")]
    [InlineData("2a", "2")]
    [InlineData("1.1", "1.a")]
    public void Newer_version_sorts_after_older(string newer, string older)
    {
        Assert.True(RpmVersionComparer.Instance.Compare(newer, older) > 0);
        Assert.True(RpmVersionComparer.Instance.Compare(older, newer) < 0);
    }

    [Theory]
    [InlineData("1.01", "1.1")]
    [InlineData("1_0", "1.0")]
    public void Equivalent_versions_compare_equal(string a, string b)
    {
        Assert.Equal(0, RpmVersionComparer.Instance.Compare(a, b));
    }
}
