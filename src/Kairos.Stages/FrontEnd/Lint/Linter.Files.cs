using Kairos.Stages.FrontEnd.Diagnostics;
using Kairos.Stages.FrontEnd.Model;

namespace Kairos.Stages.FrontEnd.Lint;

/// <summary>The linter's second face: the same checks, but also the loaded models, for the run pipeline.</summary>
public static partial class Linter
{
    /// <summary>Loads and checks every input like <see cref="Lint"/>; returns the files that loaded without errors, by input path.</summary>
    public static (IReadOnlyDictionary<string, StageFile> Files, IReadOnlyList<Diagnostic> Diagnostics) Analyze(
        IReadOnlyList<LintInput> inputs, LintOptions? options = null)
    {
        options ??= LintOptions.Default;
        var bag = new DiagnosticBag();
        var files = new Dictionary<string, StageFile>(StringComparer.Ordinal);
        foreach (var (input, checkedFile) in CheckEach(inputs, options))
        {
            bag.AddRange(checkedFile.Diagnostics);
            if (checkedFile.File is { } file && !checkedFile.Failed)
            {
                files[input.Path] = file;
            }
        }

        bag.AddRange(SemanticRules.Check([.. files.Values], options.Semantic));
        return (files, bag.Sorted());
    }
}
