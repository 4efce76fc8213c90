namespace Kairos.Stages.FrontEnd.GoTemplates;

/// <summary>What a template operand is.</summary>
internal enum OperandKind
{
    Dot,
    Field,
    Function,
    Literal,
    Pipeline,
}
