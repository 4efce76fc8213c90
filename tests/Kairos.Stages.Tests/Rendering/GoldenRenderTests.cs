using Kairos.Stages.Rendering;
using YamlDotNet.RepresentationModel;

namespace Kairos.Stages.Tests.Rendering;

public sealed class GoldenRenderTests
{
    private static readonly EmbeddedStageSource Source = new();
    private static readonly StageRenderer Renderer = StageRenderer.ForSource(Source);

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var target in TestContexts.Targets.Keys)
        {
            foreach (var stage in Source.ListStages())
            {
                data.Add(target, stage.RelativePath);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Bundled_stage_renders_as_its_golden_file(string target, string stage)
    {
        // arrange
        var template = Source.ListStages().Single(s => s.RelativePath == stage);

        // act
        var result = Renderer.Render(template, TestContexts.For(target));

        // assert
        Assert.True(result.Success, string.Join('\n', result.Diagnostics));
        RenderGolden.Verify(Path.Combine(target, stage), result.Text!);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Rendered_stage_is_one_yaml_mapping_with_step_description_and_stages(string target, string stage)
    {
        // arrange
        var template = Source.ListStages().Single(s => s.RelativePath == stage);
        var yaml = new YamlStream();

        // act
        yaml.Load(new StringReader(Renderer.Render(template, TestContexts.For(target)).Text!));

        // assert
        var root = Assert.IsType<YamlMappingNode>(Assert.Single(yaml.Documents).RootNode);
        Assert.Equal(["step", "description", "stages"], root.Children.Keys.Select(k => ((YamlScalarNode)k).Value));
    }
}
