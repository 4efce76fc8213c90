namespace Kairos.Stages.FrontEnd.GoTemplates;

/// <summary>One word of a template command: a field path, a function name, a literal or a parenthesised pipeline.</summary>
internal sealed record TemplateOperand(OperandKind Kind)
{
    /// <summary>Field names after the dot (<c>.Values.os.name</c> → Values, os, name).</summary>
    public IReadOnlyList<string> Path { get; init; } = [];

    /// <summary>The function name, for <see cref="OperandKind.Function"/>.</summary>
    public string Name { get; init; } = "";

    /// <summary>The literal value: string, long, double, bool or null.</summary>
    public object? Value { get; init; }

    public IReadOnlyList<IReadOnlyList<TemplateOperand>> Pipeline { get; init; } = [];
}
