using Kairos.Stages.FrontEnd.PackageMaps;
using Kairos.Stages.FrontEnd.Sources;

namespace Kairos.Stages.Tests.Packages;

public sealed class PackageSelectorTests
{
    private static readonly PackageSelector Selector =
        new(PackageDataLoader.Parse(new EmbeddedStageSource().ReadText(StageSourceExtensions.PackagesDataPath)!));

    [Theory]
    [MemberData(nameof(ResolvedTargets.All), MemberType = typeof(ResolvedTargets))]
    public void Kernel_list_equals_the_documented_set(ResolvedTarget row)
    {
        // act
        var kernel = Selector.Kernel(row.Target);

        // assert
        Assert.Equal(row.Kernel.Order(StringComparer.Ordinal), kernel.Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(ResolvedTargets.All), MemberType = typeof(ResolvedTargets))]
    public void Base_list_has_the_documented_size_and_members(ResolvedTarget row)
    {
        // act
        var packages = Selector.Base(row.Target);

        // assert
        Assert.Equal(row.BaseCount, packages.Count);
        Assert.Empty(row.Includes.Except(packages));
        Assert.Empty(row.Excludes.Intersect(packages));
    }

    public static TheoryData<string, PackageTarget, string[]> FullLists() => new()
    {
        { "debian 12 amd64", new("debian", "debian", "12", "amd64"), ExpectedPackages.Debian12Amd64 },
        { "ubuntu 24.04 amd64", new("ubuntu", "debian", "24.04", "amd64"), ExpectedPackages.Ubuntu2404Amd64 },
        { "fedora 41 amd64", new("fedora", "redhat", "41", "amd64"), ExpectedPackages.Fedora41Amd64 },
        { "opensuse-leap 15.6 amd64", new("opensuse-leap", "suse", "15.6", "amd64"), ExpectedPackages.Leap156Amd64 },
    };

    [Theory]
    [MemberData(nameof(FullLists))]
    public void Base_list_equals_the_documented_set(string name, PackageTarget target, string[] expected)
    {
        // act
        var packages = Selector.Base(target);

        // assert
        Assert.True(expected.ToHashSet().SetEquals(packages), $"{name}: missing [{string.Join(' ', expected.Except(packages))}], extra [{string.Join(' ', packages.Except(expected))}]");
    }

    [Fact]
    public void Base_list_keeps_first_occurrence_order_without_duplicates()
    {
        // act
        var packages = Selector.Base(new("ubuntu", "debian", "24.04", "amd64"));

        // assert
        Assert.Equal(packages.Distinct().Count(), packages.Count);
        Assert.Equal(ExpectedPackages.Common, packages.Take(ExpectedPackages.Common.Length));
    }

    [Fact]
    public void Unparseable_os_version_selects_only_the_common_packages()
    {
        // act
        var packages = Selector.Base(new("debian", "debian", "", "amd64"));
        var kernel = Selector.Kernel(new("debian", "debian", "", "amd64"));

        // assert
        Assert.Equal(ExpectedPackages.Common, packages);
        Assert.Empty(kernel);
    }

    [Fact]
    public void Ubuntu_version_without_a_kernel_entry_gets_no_kernel()
    {
        // act
        var kernel = Selector.Kernel(new("ubuntu", "debian", "23.10", "amd64"));

        // assert
        Assert.Empty(kernel);
    }

    [Fact]
    public void Thor_kernel_packages_include_the_bootloader()
    {
        // act
        var kernel = Selector.Kernel(new("ubuntu", "debian", "22.04", "arm64", "nvidia-jetson-thor"));

        // assert
        Assert.Contains("nvidia-l4t-bootloader", kernel);
    }

    [Fact]
    public void Select_by_name_knows_base_and_kernel_only()
    {
        // arrange
        var target = new PackageTarget("alpine", "alpine", "3.21", "amd64");

        // act and assert
        Assert.Equal(Selector.Base(target), Selector.Select("base", target));
        Assert.Equal(Selector.Kernel(target), Selector.Select("kernel", target));
        Assert.Null(Selector.Select("firmware", target));
    }
}
