using Kairos.Stages.FrontEnd.Diagnostics;
using Kairos.Stages.FrontEnd.GoTemplates;
using Kairos.Stages.FrontEnd.Model;

namespace Kairos.Stages.FrontEnd.Lint.Rules;

/// <summary>
/// KS603/KS604: yip renders commands, <c>if</c>, file content, environment values and package
/// names as Go templates at run time. Text that does not parse is used unchanged; a key yip does
/// not have (<c>{{.ID}}</c> in a docker command) prints <c>&lt;no value&gt;</c>. Both are warnings.
/// </summary>
public sealed class RuntimeTemplateRule : ISemanticRule
{
    private static readonly Dictionary<string, object?> SampleData = new(StringComparer.Ordinal)
    {
        ["Values"] = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["os"] = Map("name", "vendor", "version", "release", "architecture"),
            ["kernel"] = Map("release", "version", "architecture"),
            ["node"] = Map("hostname", "machineid", "hypervisor", "timezone"),
            ["sysinfo"] = Map("version", "timestamp"),
            ["product"] = Map("name", "vendor", "version", "serial", "uuid", "sku"),
            ["Random"] = "r",
            ["ProtectedID"] = "p",
        },
    };

    public void Check(SemanticContext context, DiagnosticBag bag)
    {
        foreach (var (_, _, step) in context.Steps())
        {
            foreach (var (text, at, what) in Templated(step))
            {
                CheckOne(text, at, what, bag);
            }
        }
    }

    private static IEnumerable<(string Text, SourceSpan At, string What)> Templated(Step step)
    {
        for (var i = 0; i < step.Commands.Count; i++)
        {
            yield return (step.Commands[i], step.ItemLocationOf("commands", i), "command");
        }

        if (step.If is { } condition)
        {
            yield return (condition, step.ValueLocationOf("if"), "if");
        }

        foreach (var file in step.Files)
        {
            yield return (file.Content, file.Location, $"content of {file.Path}");
        }

        foreach (var variable in step.Environment)
        {
            yield return (variable.Value, variable.Location, $"environment value {variable.Key}");
        }

        foreach (var package in step.Packages?.Install.Concat(step.Packages.Remove) ?? [])
        {
            yield return (package, step.LocationOf("packages"), "package name");
        }
    }

    private static void CheckOne(string text, SourceSpan at, string what, DiagnosticBag bag)
    {
        if (!text.Contains("{{", StringComparison.Ordinal))
        {
            return;
        }

        try
        {
            if (GoTemplate.Render(text, SampleData).Contains("<no value>", StringComparison.Ordinal))
            {
                bag.Warning(at, DiagnosticCodes.GoTemplateMissingKey,
                    $"the {what} uses a template key yip does not have, so it prints <no value> at run time; write literal braces as {{{{ \"{{{{\" }}}}");
            }
        }
        catch (TemplateException error)
        {
            bag.Warning(at, DiagnosticCodes.GoTemplateError,
                $"yip renders the {what} as a Go template and it does not parse ({error.Message}); yip then uses the text unchanged");
        }
    }

    private static Dictionary<string, object?> Map(params string[] keys) =>
        keys.ToDictionary(k => k, object? (k) => k, StringComparer.Ordinal);
}
