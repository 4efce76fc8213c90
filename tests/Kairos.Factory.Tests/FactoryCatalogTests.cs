using Kairos.Factory.Api;
using Kairos.Stages.FrontEnd.Rendering.Functions;
using Kairos.Stages.FrontEnd.Sources;

namespace Kairos.Factory.Tests;

/// <summary>data/factory.yaml is read through the engine's one stages-data loader: bad data names file, line and column.</summary>
public sealed class FactoryCatalogTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("ks-factory-catalog-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void The_bundled_catalog_reads_its_presets_and_pins()
    {
        // act
        var catalog = FactoryCatalog.LoadBundled();

        // assert
        Assert.Contains(catalog.Presets, p => p.Image == catalog.DefaultPreset);
        Assert.Equal(["amd64", "arm64"], catalog.Architectures);
        Assert.Equal("ISO image", catalog.Describe("kairos.iso"));
        var pins = ArtifactCatalog.Parse(new EmbeddedStageSource().ReadText(ArtifactCatalog.DataPath)!);
        Assert.Equal(pins.PinnedVersion("k3s"), catalog.Kubernetes["k3s"]);
        Assert.All(Kairos.Stages.Image.Release.ArtifactNames.Suffixes.Values, suffix => Assert.NotEqual("file", catalog.Describe("kairos-x" + suffix)));
        Assert.Equal(Kairos.Stages.Image.Requests.OutputKinds.Names.Order(), catalog.Labels.OutputGroups.SelectMany(group => group.Outputs).Order());
        Assert.Equal(Kairos.Stages.Image.Release.ArtifactNames.Suffixes.Keys.Order(), catalog.Labels.Outputs.Keys.Order());
        Assert.Equal(Kairos.Stages.Target.Context.BuildEnums.Variants.Order(), catalog.Labels.Variants.Keys.Order());
    }

    [Theory]
    [InlineData("{name: \"Ubuntu 24.04\", image: \"ubuntu:24.04\"}", "{name: \"Ubuntu 24.04\"}", ": 'image' is missing (it must be a value)")]
    [InlineData("architectures: [amd64, arm64]", "architectures: amd64", ": 'architectures' must be a list, not 'amd64'")]
    [InlineData("default_preset: \"ubuntu:24.04\"", "default_preset: [ubuntu]", ": 'default_preset' must be a value, not a list")]
    [InlineData("architectures: [amd64, arm64]", "architectures: [amd64, s390x]", ": architecture 's390x' is not one Kairos builds (amd64, arm64, riscv64)")]
    [InlineData("outputs: [iso, netboot, uki, uki-container]}", "outputs: [iso, netboot, uki]}", ": output 'uki-container' is in no group")]
    [InlineData("outputs: [iso, netboot, uki, uki-container]}", "outputs: [iso, netboot, uki, uki-container, iso]}", ": 'iso' is not an output kind, or is in two groups (kinds: iso, netboot, uki, uki-container, raw_efi, raw_bios, vhd, gce, maas, oci, rootfs)")]
    [InlineData("  iso: \"ISO image (installer / live)\"", "  isos: \"ISO image (installer / live)\"", "'iso' is missing or unknown (iso, uki-iso, raw_efi, raw_bios, vhd, gce, maas, netboot, uki, uki-container, oci, rootfs)")]
    [InlineData("  core: \"Core (no Kubernetes)\"", "  core: \"Core\"\n  minimal: \"Minimal\"", "'minimal' is missing or unknown (core, standard)")]
    public void Bad_factory_data_is_refused_with_its_position(string bundled, string broken, string expected)
    {
        // arrange: a copy of the bundled data with one value broken
        var source = new EmbeddedStageSource();
        var text = source.ReadText(FactoryCatalog.DataPath)!;
        Assert.Contains(bundled, text);
        var line = text[..text.IndexOf(bundled, StringComparison.Ordinal)].Count(c => c == '\n') + 1;
        Directory.CreateDirectory(Path.Combine(_dir, "data"));
        File.WriteAllText(Path.Combine(_dir, FactoryCatalog.DataPath), text.Replace(bundled, broken, StringComparison.Ordinal));
        File.WriteAllText(Path.Combine(_dir, ArtifactCatalog.DataPath), source.ReadText(ArtifactCatalog.DataPath)!);

        // act
        var error = Assert.Throws<InvalidDataException>(() => FactoryCatalog.Load(new DirectoryStageSource(_dir)));

        // assert
        Assert.StartsWith($"{_dir}/data/factory.yaml:{line}:", error.Message);
        Assert.EndsWith(expected, error.Message);
    }
}
