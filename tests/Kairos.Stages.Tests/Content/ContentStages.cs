using Kairos.Stages.FrontEnd.Diagnostics;
using Kairos.Stages.FrontEnd.Lint;
using Kairos.Stages.FrontEnd.Rendering;
using Kairos.Stages.FrontEnd.Rendering.Functions;
using Kairos.Stages.FrontEnd.Sources;
using Kairos.Stages.Tests.Support;

namespace Kairos.Stages.Tests.Content;

/// <summary>Renders and lints the bundled content files straight from the repository's <c>stages/</c> directory.</summary>
public static class ContentStages
{
    public static string StagesDirectory { get; } = Path.GetFullPath(Path.Combine(Golden.ProjectDirectory, "..", "..", "stages"));

    public static IStageSource Source { get; } = new DirectoryStageSource(StagesDirectory);

    /// <summary>Every bundled stage template (install and init phases), as the CLI's render lists them.</summary>
    public static IReadOnlyList<string> Files { get; } = [.. Source.ListStages().Select(s => s.RelativePath)];

    public static IReadOnlyList<string> CloudConfigs { get; } = new AssetLibrary(Source).List("cloudconfigs");

    public static string SamplePath(string name)
    {
        var shared = Path.Combine(Golden.ProjectDirectory, "Samples", "os-release", name);
        return File.Exists(shared) ? shared : Path.Combine(Golden.ProjectDirectory, "Content", "Samples", name);
    }

    /// <summary>Renders one bundled file for <paramref name="target"/>, with <paramref name="version"/> instead of its version when given.</summary>
    public static RenderResult Render(string file, ContentTarget target, string? version = null)
    {
        var renderer = new StageRenderer(SelectorCache.Selector, Source);
        var text = Source.ReadText(file) ?? throw new FileNotFoundException(file);
        var context = version is null ? target.Context() : target.Context() with { Version = version };
        if (target.KernelVersion.Length == 0)
        {
            return renderer.Render("stages/" + file, text, context);
        }

        // The kernel chooser is wired by the lead; until then a pinned version stands in for its result.
        var pin = "{{ kernel = { version: " + YamlQuote.Quote(target.KernelVersion) + ", found: true } }}";
        return renderer.Render("stages/" + file, pin + text, context);
    }

    public static IReadOnlyList<Diagnostic> Lint(string path, string text) =>
        Linter.Lint([new LintInput(path, text)]);

    private static class SelectorCache
    {
        public static Kairos.Stages.FrontEnd.PackageMaps.PackageSelector Selector { get; } =
            new(Kairos.Stages.FrontEnd.PackageMaps.PackageDataLoader.Parse(Source.ReadText("data/packages.yaml")!));
    }
}
