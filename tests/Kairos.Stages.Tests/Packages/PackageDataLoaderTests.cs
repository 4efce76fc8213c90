using Kairos.Stages.FrontEnd.PackageMaps;

namespace Kairos.Stages.Tests.Packages;

public sealed class PackageDataLoaderTests
{
    [Fact]
    public void Distro_and_family_keys_are_separate_namespaces()
    {
        // arrange
        const string yaml = "common: [a]\nmaps:\n  kernel:\n    distros:\n      debian:\n        common:\n          common: [d]\n    families:\n      debian:\n        common:\n          common: [f]\n";

        // act
        var data = PackageDataLoader.Parse(yaml);

        // assert
        Assert.Equal(["d"], data.Map("kernel").Find(PackageMapKind.Distro, "debian", "common")!.Entries[0].Value);
        Assert.Equal(["f"], data.Map("kernel").Find(PackageMapKind.Family, "debian", "common")!.Entries[0].Value);
    }

    [Fact]
    public void Invalid_constraint_fails_with_its_position()
    {
        // arrange
        const string yaml = "common: []\nmaps:\n  base:\n    distros:\n      ubuntu:\n        common:\n          \">>22.04\": [x]\n";

        // act
        var error = Assert.Throws<InvalidDataException>(() => PackageDataLoader.Parse(yaml, "p.yaml"));

        // assert
        Assert.StartsWith("p.yaml:7:", error.Message);
        Assert.Contains(">>22.04", error.Message);
    }

    [Fact]
    public void Unknown_section_is_rejected()
    {
        // arrange
        const string yaml = "common: []\nmaps:\n  base:\n    distro:\n      ubuntu: {}\n";

        // act and assert
        Assert.Throws<InvalidDataException>(() => PackageDataLoader.Parse(yaml));
    }

    [Fact]
    public void Placeholders_are_substituted_with_target_facts()
    {
        // arrange
        var target = new PackageTarget("ubuntu", "debian", "24.04", "arm64");

        // act
        var name = PackagePlaceholders.Substitute("x-{{.version}}-{{ .arch }}-{{.distro}}-{{.family}}-{{.other}}", target);

        // assert
        Assert.Equal("x-24.04-arm64-ubuntu-debian-{{.other}}", name);
    }
}
