using Json.Schema;
using Kairos.Stages.FrontEnd.Diagnostics;
using Kairos.Stages.FrontEnd.Loading.Yaml;
using Kairos.Stages.Target.Platform;

namespace Kairos.Stages.FrontEnd.Lint;

/// <summary>Validates a YAML tree against <c>schemas/stage-file.schema.json</c> and maps each error to its YAML line:col (KS401).</summary>
public sealed class SchemaValidator
{
    private static readonly Lazy<SchemaValidator> Shared = new(() => new SchemaValidator(StageFileSchema.Text));

    private static int _prewarmed;

    private readonly JsonSchema _schema;

    public SchemaValidator(string schemaText)
    {
        JsonSchemaStartup.EnsureInitialized();
        // A private registry: the global one refuses a second schema with the same $id.
        _schema = JsonSchema.FromText(schemaText, new BuildOptions { SchemaRegistry = new SchemaRegistry() });
    }

    /// <summary>The validator for the embedded stage-file schema.</summary>
    public static SchemaValidator Default => Shared.Value;

    /// <summary>Starts building <see cref="Default"/> on a thread of its own (once), when the machine has a core to spare for it.</summary>
    /// <remarks>A failure is kept by the lazy value and reported where the validator is first used.</remarks>
    public static void Prewarm()
    {
        if (Environment.ProcessorCount > 1 && Interlocked.Exchange(ref _prewarmed, 1) == 0 && !Shared.IsValueCreated)
        {
            Parallelism.StartBackground("kairos-stages schema", () =>
            {
                try
                {
                    _ = Shared.Value;
                }
                catch (Exception)
                {
                    // Rethrown by Shared.Value at the first real use, which turns it into a diagnostic.
                }
            });
        }
    }

    /// <summary>Schema errors of one document; for a cloud-config only <c>name</c> and <c>stages</c> are checked (the rest belongs to other consumers).</summary>
    /// <remarks><paramref name="alreadyReported"/>: positions the loader reported precisely; a schema error at the same node is left out (the loader's message wins).</remarks>
    public IReadOnlyList<Diagnostic> Validate(string path, YNode root, bool isCloudConfig, IReadOnlyCollection<SourceSpan>? alreadyReported = null)
    {
        if (isCloudConfig && root is YMapping map)
        {
            root = new YMapping(map.Start, [.. map.Entries.Where(e => e.Key.Value is "name" or "stages")]);
        }

        using var document = YamlToJson.ToDocument(root);
        var bag = new DiagnosticBag();
        // The flag format stops at the first failure: a cheap answer for the common, valid case.
        if (_schema.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.Flag }).IsValid)
        {
            return [];
        }

        var locations = YamlToJson.Locations(root);
        var results = _schema.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        foreach (var detail in (results.Details ?? []).Prepend(results))
        {
            foreach (var (keyword, message) in detail.Errors ?? new Dictionary<string, string>())
            {
                var pointer = detail.InstanceLocation.ToString();
                var spans = locations.TryGetValue(pointer, out var found) ? found : (null, root.Start);
                if (alreadyReported is not null && (alreadyReported.Contains(spans.Value) || (spans.Key is { } key && alreadyReported.Contains(key))))
                {
                    continue;
                }

                var at = spans.Value;
                bag.Error(at with { File = path }, DiagnosticCodes.Schema, SchemaMessages.Describe(pointer, keyword, message));
            }
        }

        return bag.Sorted();
    }
}
