using Kairos.Stages.Packages;
using Kairos.Stages.Rendering;
using Kairos.Stages.Tests.Rendering;
using Kairos.Stages.Tests.Support;

namespace Kairos.Stages.Tests.Packages;

public sealed class PackageDataCompiledTests
{
    private static readonly string Yaml = new EmbeddedStageSource().ReadText(StageSourceExtensions.PackagesDataPath)!;

    [Fact]
    public void The_checked_in_compiled_copy_is_the_bundled_packages_yaml_compiled()
    {
        // act
        var compiled = PackageDataCompiled.Write(PackageDataLoader.Parse(Yaml), Yaml);

        // assert: KAIROS_UPDATE_GOLDEN=1 rewrites it after packages.yaml changed
        Golden.Assert(Path.Combine("..", "..", "src", "Kairos.Stages", "Packages", "packages.compiled.json"), compiled);
    }

    [Fact]
    public void The_compiled_copy_holds_the_same_data_as_the_yaml()
    {
        // act
        var loaded = PackageDataCompiled.TryLoad(Yaml);

        // assert
        Assert.NotNull(loaded);
        Assert.Equal(PackageDataCompiled.Write(PackageDataLoader.Parse(Yaml), Yaml), PackageDataCompiled.Write(loaded, Yaml));
        Assert.Contains("kernel-models", loaded.Maps.Keys);
        Assert.Contains("sudo", loaded.Common);
    }

    [Theory]
    [InlineData("\n# a comment added by a fork\n")]
    [InlineData("")]
    public void Any_other_text_is_not_served_from_the_compiled_copy(string suffix)
    {
        // arrange: the same text with one more line, or with one package renamed
        var edited = suffix.Length > 0 ? Yaml + suffix : Yaml.Replace("  - nano\n", "  - nanO\n", StringComparison.Ordinal);

        // act and assert
        Assert.NotEqual(Yaml, edited);
        Assert.Null(PackageDataCompiled.TryLoad(edited));
    }

    [Fact]
    public void A_damaged_compiled_copy_is_ignored()
    {
        // act and assert
        Assert.Null(PackageDataCompiled.TryRead("{\"source\": 1", Yaml));
        Assert.Null(PackageDataCompiled.TryRead("{\"maps\": []}", Yaml));
    }

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
