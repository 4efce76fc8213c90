using System.Text.RegularExpressions;
using Kairos.Stages.FrontEnd.Diagnostics;
using Kairos.Stages.FrontEnd.Loading;
using Kairos.Stages.FrontEnd.Model;
using Kairos.Stages.Target.Platform;

namespace Kairos.Stages.FrontEnd.Lint;

/// <summary>Parse, schema-check and semantically check stage files together; returns sorted diagnostics and never throws.</summary>
public static partial class Linter
{
    public static IReadOnlyList<Diagnostic> Lint(IEnumerable<LintInput> inputs, LintOptions? options = null)
    {
        options ??= LintOptions.Default;
        var bag = new DiagnosticBag();
        var files = new List<StageFile>();
        var broken = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (input, checkedFile) in CheckEach([.. inputs], options))
        {
            bag.AddRange(checkedFile.Diagnostics);
            if (checkedFile.File is { } file)
            {
                files.Add(file);
            }

            if (checkedFile.Failed)
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

    /// <summary>
    /// Parses and schema-checks every input, on all cores: each file's checks are independent, and the results come
    /// back in input order, so the output does not depend on which thread finished first.
    /// </summary>
    private static IEnumerable<(LintInput Input, CheckedFile Result)> CheckEach(IReadOnlyList<LintInput> inputs, LintOptions options)
    {
        SchemaValidator.Prewarm();
        var results = new CheckedFile[inputs.Count];
        Parallelism.For(inputs.Count, i => results[i] = LintOne(inputs[i], options), i => inputs[i].Text.Length);
        return inputs.Select((input, i) => (input, results[i]));
    }

    private static CheckedFile LintOne(LintInput input, LintOptions options)
    {
        var bag = new DiagnosticBag();
        var text = input.Text;
        var bundled = IsBundled(text);
        if (bundled && options.Preprocess is { } preprocess)
        {
            var (rendered, diagnostics) = preprocess(input.Path, text);
            bag.AddRange(diagnostics);
            if (rendered is null)
            {
                return new CheckedFile(null, true, bag.Items);
            }

            text = rendered;
        }

        var loaded = StageFileLoader.Load(input.Path, text, new LoadOptions { Lenient = options.Lenient, Bundled = bundled });
        bag.AddRange(loaded.Diagnostics);
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

        return new CheckedFile(loaded.File, loaded.HasErrors, bag.Items);
    }

    /// <summary>One file's outcome: its model (when it loaded), whether loading failed, and what was found.</summary>
    private sealed record CheckedFile(StageFile? File, bool Failed, IReadOnlyList<Diagnostic> Diagnostics);

    [GeneratedRegex(@"^step[ \t]*:", RegexOptions.Multiline)]
    private static partial Regex BundledKey();
}
