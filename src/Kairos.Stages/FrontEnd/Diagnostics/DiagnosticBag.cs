namespace Kairos.Stages.FrontEnd.Diagnostics;

/// <summary>Collects diagnostics; the only mutable piece of a load, owned by one call.</summary>
public sealed class DiagnosticBag
{
    private readonly List<Diagnostic> _items = [];

    public IReadOnlyList<Diagnostic> Items => _items;

    public bool HasErrors => _items.Exists(d => d.IsError);

    public void Add(Diagnostic diagnostic) => _items.Add(diagnostic);

    public void AddRange(IEnumerable<Diagnostic> diagnostics) => _items.AddRange(diagnostics);

    public void Error(SourceSpan at, string code, string message) => Add(new(at, Severity.Error, code, message));

    public void Warning(SourceSpan at, string code, string message) => Add(new(at, Severity.Warning, code, message));

    /// <summary>Diagnostics ordered by file (ordinal), line, column, then code.</summary>
    public IReadOnlyList<Diagnostic> Sorted() => Sort(_items);

    public static IReadOnlyList<Diagnostic> Sort(IEnumerable<Diagnostic> items) =>
        [.. items
            .OrderBy(d => d.Location.File, StringComparer.Ordinal)
            .ThenBy(d => d.Location.Line)
            .ThenBy(d => d.Location.Column)
            .ThenBy(d => d.Code, StringComparer.Ordinal)
            .ThenBy(d => d.Message, StringComparer.Ordinal)
            .Distinct()];
}
