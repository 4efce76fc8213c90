namespace Kairos.Stages.FrontEnd.GoTemplates;

/// <summary>A parsed Go text/template (the subset yip's stage files use): field paths, pipelines, literals, Sprig basics, trimming.</summary>
public sealed class GoTemplate
{
    private readonly IReadOnlyList<TemplatePart> _parts;

    private GoTemplate(IReadOnlyList<TemplatePart> parts)
    {
        _parts = parts;
    }

    /// <summary>Parses <paramref name="text"/>; throws <see cref="TemplateException"/> on a syntax error or an unsupported construct.</summary>
    public static GoTemplate Parse(string text) => new(TemplateParser.Parse(text));

    /// <summary>Runs the template: maps answer missing keys with <c>&lt;no value&gt;</c>; <see cref="TemplateStruct"/> fields are strict.</summary>
    public string Execute(object? data) => TemplateEvaluator.Execute(_parts, data);

    /// <summary>Parse and execute in one call.</summary>
    public static string Render(string text, object? data) => Parse(text).Execute(data);
}
