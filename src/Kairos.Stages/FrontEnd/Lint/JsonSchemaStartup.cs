using System.Runtime.CompilerServices;

namespace Kairos.Stages.FrontEnd.Lint;

/// <summary>Registers JsonSchema.Net's vocabularies and dialects when the schema is first needed.</summary>
/// <remarks>
/// NativeAOT runs every module initializer at process start, and JsonSchema.Net's registers its vocabularies and
/// dialects and builds some twenty meta-schemas: half of what <c>kairos-stages version</c> took. The published binary
/// therefore stubs the module constructor that calls it (src/Kairos.Stages.Cli/Aot/JsonSchema.Substitutions.xml),
/// and this does the part validation needs: the dialects. The meta-schemas serve only to validate schemas
/// themselves, which we never do (the stage-file schema is ours, and its tests check it). Where the initializer
/// already ran (the JIT: tests, <c>dotnet run</c>) its flag is set and this does nothing.
/// Measured (issue 14, bench/run.py --runs 15 --baseline with a binary published without the substitution, load 19):
/// <c>version</c> 32 vs 65 ms median wall, 4.1 vs 9.7 ms CPU (0.50 / 0.42); plan-0 CPU 29.0 vs 31.6 ms (0.92).
/// </remarks>
internal static class JsonSchemaStartup
{
    private const string Owner = "Json.Schema.__ModuleInitialization, JsonSchema.Net";
    private static readonly Lock Gate = new();
    private static bool _done;

    public static void EnsureInitialized()
    {
        lock (Gate)
        {
            if (!_done && Initialized(null) == 0)
            {
                LoadDialects(null);
            }

            _done = true;
        }
    }

    [UnsafeAccessor(UnsafeAccessorKind.StaticField, Name = "_initialized")]
    private static extern ref int Initialized([UnsafeAccessorType(Owner)] object? owner);

    [UnsafeAccessor(UnsafeAccessorKind.StaticMethod, Name = "LoadDialects")]
    private static extern void LoadDialects([UnsafeAccessorType(Owner)] object? owner);
}
