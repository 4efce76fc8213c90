using Kairos.Stages.Target.Versions;

namespace Kairos.Stages.Tests.Versions;

/// <summary>Kernel ordering: go-version's parse and release rule, RPM-like pre-release order where SemVer's would be wrong.</summary>
public sealed class KernelVersionComparerTests
{
    private static HashicorpVersion V(string text) =>
        HashicorpVersion.TryParse(text, out var version) ? version : throw new ArgumentException(text);

    [Theory]
    [InlineData("6.1.0-102-generic", "6.1.0-99-generic")] // SemVer compares "102-generic" and "99-generic" as text
    [InlineData("6.1.0-28-amd64", "6.1.0-9-amd64")]
    [InlineData("6.2", "6.1.99")]
    [InlineData("6.1.0", "6.1.0-rc7")] // a release beats its pre-releases
    [InlineData("6.1.0.1", "6.1.0")]
    public void The_newer_kernel_compares_greater(string newer, string older)
    {
        // act
        var up = KernelVersionComparer.Instance.Compare(V(newer), V(older));
        var down = KernelVersionComparer.Instance.Compare(V(older), V(newer));

        // assert
        Assert.True(up > 0, $"{newer} > {older}");
        Assert.True(down < 0, $"{older} < {newer}");
    }

    [Fact]
    public void Segments_compare_padded_with_zeros()
    {
        // act
        var order = KernelVersionComparer.Instance.Compare(V("6.1"), V("6.1.0"));

        // assert
        Assert.Equal(0, order);
    }

    [Fact]
    public void Go_version_order_differs_from_kernel_order_on_numeric_suffixes()
    {
        // act: go-version (HashicorpVersion.CompareTo) compares the identifier "102-generic" as text
        var goVersion = V("6.1.0-102-generic").CompareTo(V("6.1.0-99-generic"));

        // assert
        Assert.True(goVersion < 0);
    }
}
