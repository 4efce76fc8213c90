using Kairos.Stages.FrontEnd.Rendering;
using Kairos.Stages.FrontEnd.Sources;
using Kairos.Stages.Tests.Rendering;

namespace Kairos.Stages.Tests.Packages;

/// <summary>A --stages-dir fork's packages.yaml is the one its renders read.</summary>
public sealed class ForkedPackageDataTests
{
    [Fact]
    public void A_fork_that_edits_packages_yaml_gets_its_edit()
    {
        // arrange: a copy of the bundled stages whose packages.yaml adds one common package
        using var dir = new TempRoot();
        var source = new EmbeddedStageSource();
        foreach (var file in source.ListFiles())
        {
            dir.Write(file, source.ReadText(file)!);
        }

        var packages = Path.Combine(dir.Path, StageSourceExtensions.PackagesDataPath);
        File.WriteAllText(packages, File.ReadAllText(packages).Replace("common:\n  - file\n", "common:\n  - file\n  - fork-extra\n", StringComparison.Ordinal));
        var context = TestContexts.Create("debian-12");

        // act
        var forked = StageRenderer.ForSource(new DirectoryStageSource(dir.Path)).Render("t.yaml", "{{ packages \"base\" | array.join \",\" }}", context);
        var bundled = StageRenderer.ForSource(source).Render("t.yaml", "{{ packages \"base\" | array.join \",\" }}", context);

        // assert
        Assert.Contains("fork-extra", forked.Text);
        Assert.DoesNotContain("fork-extra", bundled.Text);
        Assert.StartsWith("file,", bundled.Text);
    }
}
