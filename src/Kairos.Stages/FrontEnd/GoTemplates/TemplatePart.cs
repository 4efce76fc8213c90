namespace Kairos.Stages.FrontEnd.GoTemplates;

/// <summary>A piece of a parsed template: literal text, or an action's pipeline (a list of commands).</summary>
internal sealed record TemplatePart(string? Text, IReadOnlyList<IReadOnlyList<TemplateOperand>>? Pipeline);
