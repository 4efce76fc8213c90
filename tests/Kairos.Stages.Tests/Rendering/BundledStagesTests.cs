using System.Text.RegularExpressions;
using Kairos.Stages.FrontEnd.Rendering;
using Kairos.Stages.FrontEnd.Sources;

namespace Kairos.Stages.Tests.Rendering;

public sealed partial class BundledStagesTests
{
    private static readonly string[] KairosInitSteps =
    [
        "installPackages", "installKernel", "branding", "grub", "miscellaneous", "cloudconfigs", "kairosBinaries",
        "providerBinaries", "kubernetes", "kairosRelease", "kernel", "initramfsConfigs", "initrd", "services",
        "sshHardening", "workarounds", "cleanup",
    ];

    [Fact]
    public void Every_bundled_stage_follows_the_layout_and_names_its_step()
    {
        // arrange
        var stages = new EmbeddedStageSource().ListStages();

        // act
        var metadata = stages.Select(StageMetadata.Read).ToList();

        // assert
        Assert.NotEmpty(metadata);
        foreach (var item in metadata)
        {
            var match = LayoutPattern().Match(item.RelativePath);
            Assert.True(match.Success, $"{item.RelativePath} is not install|init/NN-<step>.yaml");
            Assert.Equal(match.Groups["step"].Value, item.Step);
            Assert.Contains(item.Step, KairosInitSteps);
            Assert.False(string.IsNullOrWhiteSpace(item.Description), $"{item.RelativePath} has no description");
        }

        Assert.Equal(metadata.Count, metadata.Select(m => m.Step).Distinct().Count());
    }

    [Fact]
    public void Stage_templates_are_listed_in_ordinal_order_without_data_or_assets()
    {
        // act
        var paths = new EmbeddedStageSource().ListStages().Select(s => s.RelativePath).ToList();

        // assert
        Assert.Equal(paths.Order(StringComparer.Ordinal), paths);
        Assert.DoesNotContain(paths, p => p.StartsWith("data/", StringComparison.Ordinal) || p.StartsWith("assets/", StringComparison.Ordinal));
    }

    [Fact]
    public void Metadata_scan_reads_quoted_values_and_ignores_indented_keys()
    {
        // arrange
        var stage = new StageTemplate("init/1-x.yaml", "# c\nstep: \"x\" \ndescription: 'it''s x' # note\nstages:\n  step: nested\n");

        // act
        var metadata = StageMetadata.Read(stage);

        // assert
        Assert.Equal(("x", "it's x"), (metadata.Step, metadata.Description));
    }

    [GeneratedRegex(@"^(install|init)/[0-9]{2}-(?<step>[A-Za-z]+)\.yaml$")]
    private static partial Regex LayoutPattern();
}
