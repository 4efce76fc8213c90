using Kairos.Stages.Context;
using Kairos.Stages.Rendering;
using YamlDotNet.RepresentationModel;

namespace Kairos.Stages.Tests.Rendering;

public sealed class InstallStageTests
{
    private static readonly EmbeddedStageSource Source = new();
    private static readonly StageRenderer Renderer = StageRenderer.ForSource(Source);

    private static YamlSequenceNode InstallSteps(string step, BuildContext context)
    {
        var stage = Source.ListStages().Single(s => StageMetadata.Read(s).Step == step);
        var result = Renderer.Render(stage, context);
        Assert.True(result.Success, string.Join('\n', result.Diagnostics));
        var yaml = new YamlStream();
        yaml.Load(new StringReader(result.Text!));
        var stages = (YamlMappingNode)((YamlMappingNode)yaml.Documents[0].RootNode)["stages"];
        return (YamlSequenceNode)stages["install"];
    }

    private static BuildContext Hadron() => TestContexts.Create("debian-12") with
    {
        Distro = DistroDetector.Detect(OsReleaseParser.Parse("ID=hadron\nVERSION_ID=0.5.1\nPRETTY_NAME=\"Hadron Linux\"\n")),
    };

    [Theory]
    [InlineData("installPackages")]
    [InlineData("installKernel")]
    public void Hadron_installs_nothing(string step)
    {
        // act and assert
        Assert.Empty(InstallSteps(step, Hadron()).Children);
    }

    [Fact]
    public void Base_packages_step_installs_the_resolved_list()
    {
        // act
        var steps = InstallSteps("installPackages", TestContexts.Create("fedora-41"));

        // assert
        var install = steps.Children.Cast<YamlMappingNode>().Single(s => s["name"].ToString() == "Install base packages");
        Assert.Equal(45, ((YamlSequenceNode)((YamlMappingNode)install["packages"])["install"]).Children.Count);
    }

    [Fact]
    public void Ubuntu_fips_build_fails_to_render_with_an_explanation()
    {
        // arrange
        var stage = Source.ListStages().Single(s => StageMetadata.Read(s).Step == "installPackages");

        // act
        var result = Renderer.Render(stage, TestContexts.Create("ubuntu-24.04") with { Fips = true });

        // assert: the build stops before anything runs, even when installPackages is skipped
        Assert.False(result.Success);
        Assert.Contains(result.Diagnostics, d => d.Message.Contains("Ubuntu Pro", StringComparison.Ordinal));
    }

    [Fact]
    public void Ubuntu_without_a_known_kernel_only_refreshes_and_upgrades()
    {
        // arrange
        var context = TestContexts.Create("ubuntu-24.04") with
        {
            Distro = DistroDetector.Detect(OsReleaseParser.Parse("ID=ubuntu\nVERSION_ID=23.10\n")),
        };

        // act
        var steps = InstallSteps("installKernel", context);

        // assert
        var packages = (YamlMappingNode)steps.Children[0]["packages"];
        Assert.Empty(((YamlSequenceNode)packages["install"]).Children);
        Assert.Equal("true", packages["refresh"].ToString());
    }

    [Fact]
    public void Oracle_10_arm64_enables_uek_r8_before_the_kernel()
    {
        // arrange
        var context = TestContexts.Create("rocky-9", "arm64") with
        {
            Distro = DistroDetector.Detect(OsReleaseParser.Parse("ID=ol\nVERSION_ID=10.0\nPRETTY_NAME=\"Oracle Linux Server 10.0\"\n")),
        };

        // act
        var steps = InstallSteps("installKernel", context);

        // assert
        Assert.Equal("Enable the UEK R8 repository", steps.Children[0]["name"].ToString());
        Assert.Contains("kernel-uek", ((YamlMappingNode)steps.Children[1]["packages"])["install"].AllNodes.Select(n => n.ToString()));
    }
}
