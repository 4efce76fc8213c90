using Kairos.Stages.Engine.Actions;
using Kairos.Stages.FrontEnd.Loading;
using Kairos.Stages.FrontEnd.Rendering;
using Kairos.Stages.FrontEnd.Sources;
using Kairos.Stages.Target.Context;
using Kairos.Stages.Tests.Actions;
using Kairos.Stages.Tests.Rendering;
using Kairos.Stages.Tests.Support;

namespace Kairos.Stages.Tests.Content;

/// <summary>
/// /etc/kairos-release byte for byte, as the bundled kairosRelease step writes it (rendered, loaded,
/// then run through the environment action on a temp root), for the targets kairos-init users build.
/// Goldens: Golden/kairos-release/&lt;case&gt;; rewrite with KAIROS_UPDATE_GOLDEN=1.
/// </summary>
public sealed class KairosReleaseGoldenTests
{
    public static TheoryData<string> Cases => [.. Contexts().Keys];

    private static Dictionary<string, BuildContext> Contexts() => new(StringComparer.Ordinal)
    {
        ["ubuntu-24.04-core"] = TestContexts.Create("ubuntu-24.04"),
        ["ubuntu-24.04-standard-k3s"] = TestContexts.Create("ubuntu-24.04") with { K8s = new K8sProvider("k3s", "v1.32.1+k3s1") },
        ["debian-12"] = TestContexts.Create("debian-12"),
        ["debian-13"] = TestContexts.Create("debian-13"),
        ["fedora-41"] = TestContexts.Create("fedora-41"),
        ["opensuse-leap-15.6"] = TestContexts.Create("opensuse-leap-15.6"),
        ["opensuse-tumbleweed"] = TestContexts.Create("opensuse-tumbleweed"),
        ["alpine-3.21"] = TestContexts.Create("alpine-3.21"),
        ["ubuntu-24.04-rpi4-arm64"] = TestContexts.Create("ubuntu-24.04", "arm64") with { Model = "rpi4" },
        ["ubuntu-24.04-trusted-boot"] = TestContexts.Create("ubuntu-24.04") with { TrustedBoot = true },
        ["fedora-41-fips"] = TestContexts.Create("fedora-41") with { Fips = true },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Kairos_release_is_byte_exact(string name)
    {
        // arrange
        var source = new EmbeddedStageSource();
        var template = source.ListStages().Single(s => s.RelativePath == "init/10-kairosRelease.yaml");
        var rendered = StageRenderer.ForSource(source).Render(template, Contexts()[name]);
        Assert.True(rendered.Success, string.Join('\n', rendered.Diagnostics));
        var steps = StageFileLoader.Load(template.DisplayPath, rendered.Text!, new LoadOptions { Bundled = true }).File!.StepsFor("init");
        using var root = new TempRoot();
        Directory.CreateDirectory(root.HostPath("/etc"));

        // act: every step (a standard image's second one writes the Kubernetes version no install run recorded)
        foreach (var step in steps)
        {
            var outcome = await new EnvironmentAction().RunAsync(step, Actions.Contexts.For(new HostShellTarget(root)), TestContext.Current.CancellationToken);
            Assert.True(outcome.Succeeded);
        }

        // assert
        Golden.Assert($"Golden/kairos-release/{name}", File.ReadAllText(root.HostPath("/etc/kairos-release")));
    }
}
