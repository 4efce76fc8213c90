using Kairos.Stages.Engine.Planning;
using Kairos.Stages.FrontEnd.Diagnostics;
using Kairos.Stages.FrontEnd.Lint;
using Kairos.Stages.FrontEnd.Rendering;
using Kairos.Stages.FrontEnd.Sources;
using Kairos.Stages.Target.Platform;

namespace Kairos.Stages.Engine.Pipeline;

/// <summary>
/// load → render → parse → validate → plan, for every file, before anything executes: one bad
/// bundled or extension file stops the run with diagnostics and nothing changed.
/// </summary>
public static class StagePipeline
{
    public static PipelineResult Prepare(PipelineRequest request)
    {
        // The schema validator takes a few milliseconds to build; a spare core builds it while the templates render.
        SchemaValidator.Prewarm();
        StageRenderer renderer;
        IReadOnlyList<StageTemplate> templates;
        IReadOnlyList<StepAlias> aliases;
        try
        {
            renderer = StageRenderer.ForSource(request.Bundled);
            templates = request.Bundled.ListStages();
            aliases = StepAliases.Parse(request.Bundled.ReadText(StepAliases.DataPath), request.Bundled.DisplayPath(StepAliases.DataPath));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            return new PipelineResult(null, [], [$"stages {request.Bundled.Origin}: {e.Message}"]);
        }

        var diagnostics = new List<Diagnostic>();
        var inputs = new List<(LintInput Input, SourceKind Kind)>();
        var renders = new RenderResult[templates.Count];
        Parallelism.For(templates.Count, i => renders[i] = renderer.Render(templates[i], request.Context), i => templates[i].Text.Length);
        foreach (var (template, rendered) in templates.Zip(renders))
        {
            diagnostics.AddRange(rendered.Diagnostics);
            if (rendered.Text is { } text)
            {
                inputs.Add((new LintInput(template.DisplayPath, text), SourceKind.Bundled));
            }
        }

        if (request.ExtensionsDirectory is { } dir)
        {
            var extensions = ExtensionFiles.Read(dir, request.ExtensionsDisplay, request.ExtensionsRoot);
            if (extensions.Errors.Count > 0)
            {
                return new PipelineResult(null, DiagnosticBag.Sort(diagnostics), extensions.Errors);
            }

            inputs.AddRange(extensions.Files.Select(i => (i, SourceKind.Extension)));
        }

        var (files, found) = Linter.Analyze([.. inputs.Select(i => i.Input)], new LintOptions { Lenient = request.Lenient });
        diagnostics.AddRange(found);
        var sorted = DiagnosticBag.Sort(diagnostics);
        if (sorted.Any(d => d.IsError) || files.Count < inputs.Count)
        {
            return new PipelineResult(null, sorted, []);
        }

        var sources = inputs.Select(i => new PlanSource(files[i.Input.Path], i.Kind)).ToList();
        var known = SkipSet.KnownNames(sources, aliases);
        var (skip, skipErrors) = SkipSet.Parse(request.SkipSteps, known, aliases);
        var (only, onlyErrors) = SkipSet.Parse(request.OnlySteps, known, aliases, "--only-steps");
        if (skipErrors.Count + onlyErrors.Count > 0)
        {
            return new PipelineResult(null, sorted, [.. skipErrors, .. onlyErrors]);
        }

        if (only.Names.Count > 0)
        {
            skip = skip.Only(only);
        }

        var (plan, planErrors) = Planner.Build(sources, request.Selector, skip, new PlanFacts(request.Context, new RootFileSystem(request.Context.Root)));
        if (plan is null)
        {
            return new PipelineResult(null, sorted, planErrors);
        }

        var texts = inputs.ToDictionary(i => i.Input.Path, i => i.Input.Text, StringComparer.Ordinal);
        return new PipelineResult(new PreparedRun(plan, sources, texts, sorted), sorted, []);
    }
}
