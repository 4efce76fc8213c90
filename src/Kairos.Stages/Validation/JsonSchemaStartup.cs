using System.Runtime.CompilerServices;

namespace Kairos.Stages.Validation;

/// <summary>Runs JsonSchema.Net's module initializer (vocabularies, dialects, meta-schemas) when the schema is first needed.</summary>
/// <remarks>
/// NativeAOT runs every module initializer at process start, and JsonSchema.Net's builds some twenty meta-schemas:
/// half of what <c>kairos-stages version</c> took. The published binary therefore stubs the module constructor that
/// calls it (src/Kairos.Stages.Cli/Aot/JsonSchema.Substitutions.xml) and this calls it instead. The initializer
/// guards itself with a flag, so where it already ran (the JIT: tests, <c>dotnet run</c>) this does nothing.
/// </remarks>
internal static class JsonSchemaStartup
{
    public static void EnsureInitialized() => Initialize(null);

    [UnsafeAccessor(UnsafeAccessorKind.StaticMethod, Name = "Initialize")]
    private static extern void Initialize([UnsafeAccessorType("Json.Schema.__ModuleInitialization, JsonSchema.Net")] object? owner);
}
