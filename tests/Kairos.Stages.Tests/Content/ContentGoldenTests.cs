using Kairos.Stages.FrontEnd.Sources;
using Kairos.Stages.Tests.Support;
using YamlDotNet.RepresentationModel;

namespace Kairos.Stages.Tests.Content;

/// <summary>
/// The one golden suite for rendered stage files: every bundled stage template rendered for every target
/// equals its checked-in golden (<c>Golden/stages/TARGET/PHASE/FILE</c>), is one YAML mapping of step,
/// description and stages, and lints clean.
/// </summary>
public sealed class ContentGoldenTests
{
    [Theory]
    [MemberData(nameof(ContentTargets.Names), MemberType = typeof(ContentTargets))]
    public void Rendered_stage_files_match_goldens_and_lint_clean(string targetName)
    {
        // arrange
        var target = ContentTargets.Get(targetName);
        var problems = new List<string>();

        foreach (var file in ContentStages.Files)
        {
            // act
            var result = ContentStages.Render(file, target);

            // assert
            if (!result.Success)
            {
                problems.Add($"{file}: render failed: {string.Join("; ", result.Diagnostics)}");
                continue;
            }

            Golden.Assert(Path.Combine("Golden", "stages", target.Name, file), result.Text!);
            problems.AddRange(ShapeProblems(result.Text!).Select(p => $"{file} ({target.Name}): {p}"));
            problems.AddRange(ContentStages.Lint("stages/" + file, result.Text!).Select(d => $"{file} ({target.Name}): {d}"));
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void Every_cloud_config_asset_lints_clean()
    {
        var problems = ContentStages.CloudConfigs
            .SelectMany(name => ContentStages.Lint("stages/assets/cloudconfigs/" + name,
                ContentStages.Source.ReadText("assets/cloudconfigs/" + name)!))
            .Select(d => d.ToString())
            .ToList();

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void Ubuntu_fips_build_fails_to_render_with_the_reason_the_Factory_gives_from_fips_yaml()
    {
        var target = new ContentTarget("ubuntu-fips", "ubuntu-24.04", Fips: true);
        var reason = FipsRules.Bundled.UnsupportedImages["ubuntu"];

        var result = ContentStages.Render("install/10-installPackages.yaml", target);

        // one home (stages/data/fips.yaml): the install stage fails with the reason the Factory refuses the image with
        Assert.False(result.Success);
        Assert.StartsWith("FIPS builds are not supported on Ubuntu", reason, StringComparison.Ordinal);
        Assert.Contains(result.Diagnostics, d => d.Message.Contains(reason, StringComparison.Ordinal));
        Assert.Equal($"{reason} (image 'docker.io/library/ubuntu:24.04')", FipsRules.Bundled.Problem("docker.io/library/ubuntu:24.04", "amd64"));
        Assert.True(ContentStages.Render("install/10-installPackages.yaml", target with { Fips = false }).Success);
    }

    [Fact]
    public void Kubernetes_without_a_release_for_the_arch_fails_to_render()
    {
        var target = new ContentTarget("debian-12-riscv64-k0s", "debian-12", Arch: "riscv64", K8s: "k0s");

        var result = ContentStages.Render("install/90-kubernetes.yaml", target);

        Assert.False(result.Success);
        Assert.Contains(result.Diagnostics, d => d.Message.Contains("k0s publishes no release for riscv64", StringComparison.Ordinal));
    }

    private static IEnumerable<string> ShapeProblems(string text)
    {
        var yaml = new YamlStream();
        yaml.Load(new StringReader(text));
        if (yaml.Documents.Count != 1 || yaml.Documents[0].RootNode is not YamlMappingNode root)
        {
            return ["not one YAML mapping"];
        }

        var keys = root.Children.Keys.Select(k => ((YamlScalarNode)k).Value).ToList();
        return keys.SequenceEqual(["step", "description", "stages"]) ? [] : [$"top-level keys are {string.Join(", ", keys)}, not step, description, stages"];
    }
}
