namespace Kairos.Stages.FrontEnd.GoTemplates;

/// <summary>Data with fixed fields, like a Go struct: an unknown field is an error, not <c>&lt;no value&gt;</c>.</summary>
public sealed class TemplateStruct
{
    private readonly IReadOnlyDictionary<string, object?> _fields;

    public TemplateStruct(IReadOnlyDictionary<string, object?> fields)
    {
        _fields = fields;
    }

    public bool TryGet(string name, out object? value) => _fields.TryGetValue(name, out value);
}
