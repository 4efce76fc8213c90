using System.Text.RegularExpressions;
using Kairos.Stages.Diagnostics;
using Kairos.Stages.Loading;
using Kairos.Stages.Model;

namespace Kairos.Stages.Validation;

/// <summary>Parse, schema-check and semantically check stage files together; returns sorted diagnostics and never throws.</summary>
public static partial class Linter
{
    public static IReadOnlyList<Diagnostic> Lint(IEnumerable<LintInput> inputs, LintOptions? options = null)
    {
        options ??= LintOptions.Default;
        var bag = new DiagnosticBag();
        var files = new List<StageFile>();
        var broken = new HashSet<string>(StringComparer.Ordinal);
        foreach (var input in inputs)
        {
            if (LintOne(input, options, bag, out var failed) is { } file)
            {
                files.Add(file);
            }

            if (failed)
            {
                broken.Add(input.Path);
            }
        }

        try
        {
            // A file with load errors still resolves after-references of others, but its own model is partial:
            // findings about it would be noise until the load errors are fixed.
            bag.AddRange(SemanticRules.Check(files, options.Semantic).Where(d => !broken.Contains(d.Location.File)));
        }
        catch (Exception ex)
        {
            bag.Error(new SourceSpan(files.FirstOrDefault()?.Path ?? "", 0, 0), DiagnosticCodes.YamlSyntax, $"internal error in semantic checks: {ex.Message}");
        }

        return bag.Sorted();
    }

    /// <summary>True when the text has a top-level <c>step:</c> key: a bundled stage template.</summary>
    public static bool IsBundled(string text) => BundledKey().IsMatch(text);

    private static StageFile? LintOne(LintInput input, LintOptions options, DiagnosticBag bag, out bool failed)
    {
        failed = true;
        var text = input.Text;
        var bundled = IsBundled(text);
        if (bundled && options.Preprocess is { } preprocess)
        {
            var (rendered, diagnostics) = preprocess(input.Path, text);
            bag.AddRange(diagnostics);
            if (rendered is null)
            {
                return null;
            }

            text = rendered;
        }

        var loaded = StageFileLoader.Load(input.Path, text, new LoadOptions { Lenient = options.Lenient, Bundled = bundled });
        bag.AddRange(loaded.Diagnostics);
        failed = loaded.HasErrors;
        if (loaded.Tree is { } tree && loaded.File is { } file)
        {
            try
            {
                var reported = loaded.Diagnostics.Select(d => d.Location).ToHashSet();
                bag.AddRange(SchemaValidator.Default.Validate(input.Path, tree, file.IsCloudConfig, reported));
            }
            catch (Exception ex)
            {
                bag.Error(new SourceSpan(input.Path, 1, 1), DiagnosticCodes.Schema, $"internal error in schema validation: {ex.Message}");
            }
        }

        return loaded.File;
    }

    [GeneratedRegex(@"^step[ \t]*:", RegexOptions.Multiline)]
    private static partial Regex BundledKey();
}
