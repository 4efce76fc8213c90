using System.Runtime.CompilerServices;
using Kairos.Stages.FrontEnd.Diagnostics;
using Kairos.Stages.FrontEnd.PackageMaps;
using Kairos.Stages.FrontEnd.Rendering.Functions;
using Kairos.Stages.FrontEnd.Sources;
using Kairos.Stages.Target.Context;
using Scriban;
using Scriban.Parsing;
using Scriban.Runtime;
using Scriban.Syntax;

namespace Kairos.Stages.FrontEnd.Rendering;

/// <summary>Renders bundled stage files (Scriban templates) for a build context; errors become KS601/KS602 at the template's line and column.</summary>
public sealed class StageRenderer(PackageSelector selector, IStageSource? source = null)
{
    private const int LoopLimit = 10_000;
    private const int RecursiveLimit = 64;

    // Building the functions reflects over each delegate; they are stateless, so one set per context serves every file.
    private readonly ConditionalWeakTable<BuildContext, ScriptObject> _functions = new();

    /// <summary>A renderer whose <c>packages</c> function reads the source's <c>data/packages.yaml</c>.</summary>
    public static StageRenderer ForSource(IStageSource source)
    {
        var text = source.ReadText(StageSourceExtensions.PackagesDataPath)
            ?? throw new InvalidDataException($"{source.Origin}: {StageSourceExtensions.PackagesDataPath} is missing");
        var data = PackageDataLoader.Parse(text, "stages/" + StageSourceExtensions.PackagesDataPath);
        return new StageRenderer(new PackageSelector(data), source);
    }

    public RenderResult Render(StageTemplate stage, BuildContext context) => Render(stage.DisplayPath, stage.Text, context);

    /// <summary>Renders one template; <paramref name="extra"/> adds variables of its own (build-iso's <c>iso</c>).</summary>
    public RenderResult Render(string path, string template, BuildContext context, ScriptObject? extra = null)
    {
        var parsed = Template.Parse(template, path);
        if (parsed.HasErrors)
        {
            return new RenderResult(null, [.. parsed.Messages
                .Where(m => m.Type == ParserMessageType.Error)
                .Select(m => At(path, m.Span, DiagnosticCodes.TemplateError, m.Message))]);
        }

        var scriptContext = new TemplateContext(new LazyBuiltins())
        {
            StrictVariables = true,
            EnableRelaxedMemberAccess = false,
            LoopLimit = LoopLimit,
            RecursiveLimit = RecursiveLimit,
            NewLine = "\n",
        };
        var globals = TemplateGlobals.Values(context);
        _functions.GetValue(context, Functions).CopyTo(globals);
        ContentFunctions.RegisterKernel(globals, context.KernelVersion);
        extra?.CopyTo(globals);
        scriptContext.PushGlobal(globals);
        try
        {
            return new RenderResult(parsed.Render(scriptContext), []);
        }
        catch (ScriptRuntimeException e)
        {
            var code = IsUndefined(e.OriginalMessage) ? DiagnosticCodes.TemplateUndefined : DiagnosticCodes.TemplateError;
            return new RenderResult(null, [At(path, e.Span, code, e.OriginalMessage)]);
        }
    }

    private ScriptObject Functions(BuildContext context)
    {
        var functions = new ScriptObject();
        ScribanFunctions.AddTo(functions, context, selector);
        ContentFunctions.RegisterFunctions(functions, context, source ?? new EmbeddedStageSource());
        return functions;
    }

    private static bool IsUndefined(string message) =>
        message.Contains("was not found", StringComparison.Ordinal)
        || message.Contains("Cannot get member", StringComparison.Ordinal);

    // Scriban positions are 0-based; ours are 1-based.
    private static Diagnostic At(string path, Scriban.Parsing.SourceSpan span, string code, string message) =>
        new(new Diagnostics.SourceSpan(path, span.Start.Line + 1, span.Start.Column + 1), Severity.Error, code, message);
}
