using Kairos.Stages.Engine.Planning;
using Kairos.Stages.FrontEnd.PackageMaps;
using Kairos.Stages.FrontEnd.Rendering.Functions;
using Kairos.Stages.FrontEnd.Sources;
using Kairos.Stages.Media;
using Kairos.Stages.Media.Disk;

namespace Kairos.Stages.Tests.Loading;

/// <summary>Every reader of a stages data file goes through <see cref="StageData"/>: each kind of bad data is refused with file:line:col.</summary>
public sealed class StageDataTests
{
    [Fact]
    public void Invalid_yaml_names_the_file_line_and_column()
    {
        // act
        var error = Assert.Throws<InvalidDataException>(() => StepAliases.Parse("aliases:\n  x: [\n", "a.yaml"));

        // assert
        Assert.Matches(@"^a\.yaml:3:1: ", error.Message);
    }

    [Theory]
    [InlineData("", "a.yaml: expected a mapping at the top, the file is empty")]
    [InlineData("- a\n", "a.yaml:1:1: expected a mapping at the top, not a list")]
    public void A_document_that_is_not_a_mapping_is_refused(string yaml, string expected)
    {
        // act
        var error = Assert.Throws<InvalidDataException>(() => StageData.Parse(yaml, "a.yaml"));

        // assert
        Assert.Equal(expected, error.Message);
    }

    [Fact]
    public void A_missing_field_is_named_at_its_mapping()
    {
        // arrange: the alias has a description but no 'skips'
        const string yaml = "aliases:\n  buildProvider:\n    description: d\n";

        // act
        var error = Assert.Throws<InvalidDataException>(() => StepAliases.Parse(yaml, "stages/data/step-aliases.yaml"));

        // assert
        Assert.Equal("stages/data/step-aliases.yaml:3:5: 'skips' is missing (it must be a value)", error.Message);
    }

    [Fact]
    public void A_missing_top_level_key_is_named_at_the_document()
    {
        // act
        var error = Assert.Throws<InvalidDataException>(() => ArtifactCatalog.Parse("other: {}\n", "artifacts.yaml"));

        // assert
        Assert.Equal("artifacts.yaml:1:1: 'artifacts' is missing (it must be a mapping)", error.Message);
    }

    [Theory]
    [InlineData("artifacts:\n  k3s:\n    version: [v1]\n    url: u\n    path: /p\n", "artifacts.yaml:3:14: 'version' must be a value, not a list")]
    [InlineData("artifacts:\n  k3s:\n    version: v1\n    url: u\n    path: /p\n    arches: [amd64]\n", "artifacts.yaml:6:13: 'arches' must be a mapping, not a list")]
    [InlineData("artifacts:\n  k3s: v1\n", "artifacts.yaml:2:8: 'k3s' must be a mapping, not 'v1'")]
    [InlineData("artifacts:\n  k3s:\n    version: \"\"\n    url: u\n    path: /p\n", "artifacts.yaml:3:14: 'version' must be a value, not an empty value")]
    public void A_value_of_the_wrong_kind_is_named_at_the_value(string yaml, string expected)
    {
        // act
        var error = Assert.Throws<InvalidDataException>(() => ArtifactCatalog.Parse(yaml, "artifacts.yaml"));

        // assert
        Assert.Equal(expected, error.Message);
    }

    [Fact]
    public void An_item_of_the_wrong_kind_is_named_at_the_item()
    {
        // act
        var error = Assert.Throws<InvalidDataException>(() => PackageDataLoader.Parse("common:\n  - a\n  - {b: c}\n", "p.yaml"));

        // assert
        Assert.Equal("p.yaml:3:5: an item of 'common' must be a value, not a mapping", error.Message);
    }

    [Fact]
    public void An_unknown_key_is_refused_where_the_reader_knows_every_key()
    {
        // arrange: packages.yaml maps have only 'distros' and 'families'
        const string yaml = "common: []\nmaps:\n  base:\n    distro:\n      ubuntu: {}\n";

        // act
        var error = Assert.Throws<InvalidDataException>(() => PackageDataLoader.Parse(yaml, "p.yaml"));

        // assert
        Assert.Equal("p.yaml:4:5: map 'base': unknown section 'distro' (distros or families)", error.Message);
    }

    [Fact]
    public void A_layout_error_is_an_input_error_with_its_position()
    {
        // arrange: a fork whose disk layout gives a partition attribute that is no GPT bit
        using var dir = new TempRoot();
        var text = new EmbeddedStageSource().ReadText(DiskLayout.DataPath)!;
        var at = text.IndexOf("attributes: []", StringComparison.Ordinal);
        Assert.True(at > 0, "the bundled disk layout has an empty attributes list");
        dir.Write(DiskLayout.DataPath, text[..at] + "attributes: [99]" + text[(at + "attributes: []".Length)..]);
        var line = text[..at].Count(c => c == '\n') + 1;

        // act
        var error = Assert.Throws<MediaException>(() => DiskLayout.Load(new DirectoryStageSource(dir.Path)));

        // assert
        Assert.Equal(2, error.ExitCode);
        Assert.StartsWith($"{dir.Path}/disk/layout.yaml:{line}:", error.Message);
        Assert.EndsWith("'attributes' must be a list of bit numbers 0-63, not '99'", error.Message);
    }

    [Fact]
    public void A_missing_layout_is_an_input_error_naming_the_file()
    {
        // arrange
        using var dir = new TempRoot();

        // act
        var error = Assert.Throws<MediaException>(() => IsoLayout.Load(new DirectoryStageSource(dir.Path)));

        // assert
        Assert.Equal(2, error.ExitCode);
        Assert.Equal($"{dir.Path}/iso/layout.yaml: missing (the ISO layout data; 'kairos-stages stages export DIR' writes it)", error.Message);
    }

    [Fact]
    public void A_whole_number_field_refuses_other_text()
    {
        // arrange
        var data = StageData.Parse("size: 12M\n", "l.yaml");

        // act
        var error = Assert.Throws<InvalidDataException>(() => data.Number(data.Root, "size"));

        // assert
        Assert.Equal("l.yaml:1:7: 'size' must be a whole number, not '12M'", error.Message);
    }

    [Fact]
    public void The_bundled_data_files_all_read()
    {
        // arrange
        var source = new EmbeddedStageSource();

        // act
        var aliases = StepAliases.Parse(source.ReadText(StepAliases.DataPath));
        var artifacts = ArtifactCatalog.Parse(source.ReadText(ArtifactCatalog.DataPath)!);
        var packages = PackageDataLoader.Parse(source.ReadText(StageSourceExtensions.PackagesDataPath)!);
        var disk = DiskLayout.Load(source);

        // assert
        Assert.Contains(aliases, a => a.Name == "buildProvider" && a.Skips == "kubernetes");
        Assert.Equal("0755", artifacts.Resolve("kairos-agent", "amd64", fips: false).Mode);
        Assert.NotEmpty(packages.Common);
        Assert.Equal(["EFI/debian/grub.cfg"], disk.EfiChainPathsByFlavor["debian"]);
    }
}
