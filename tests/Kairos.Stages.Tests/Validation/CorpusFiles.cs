using Kairos.Stages.FrontEnd.Diagnostics;
using Kairos.Stages.FrontEnd.Lint;
using Kairos.Stages.FrontEnd.Loading;
using Kairos.Stages.Tests.Support;

namespace Kairos.Stages.Tests.Validation;

/// <summary>Finds and lints the corpus files in the test project's source tree.</summary>
public static class CorpusFiles
{
    public static string Directory(string kind) => Path.Combine(Golden.ProjectDirectory, "Corpus", kind);

    public static TheoryData<string> Names(string kind)
    {
        var data = new TheoryData<string>();
        foreach (var file in System.IO.Directory.GetFiles(Directory(kind), "*.yaml").Select(Path.GetFileName).Order(StringComparer.Ordinal))
        {
            data.Add(file!);
        }

        return data;
    }

    public static string Read(string kind, string name) => SourceText.Decode(File.ReadAllBytes(Path.Combine(Directory(kind), name)));

    public static IReadOnlyList<Diagnostic> Lint(string kind, string name, LintOptions? options = null) =>
        Linter.Lint([new LintInput(name, Read(kind, name))], options);

    /// <summary>One line per diagnostic, without the path: <c>line:col severity CODE: message</c>.</summary>
    public static string Format(IEnumerable<Diagnostic> diagnostics) =>
        string.Concat(diagnostics.Select(d => $"{d.Location.Line}:{d.Location.Column} {d.Severity.ToString().ToLowerInvariant()} {d.Code}: {d.Message}\n"));
}
