using System.Collections.Concurrent;
using Scriban;
using Scriban.Functions;
using Scriban.Parsing;
using Scriban.Runtime;

namespace Kairos.Stages.FrontEnd.Rendering;

/// <summary>
/// Scriban's builtin objects (<c>string</c>, <c>array</c>, <c>math</c>, …), each made on first use. Scriban's own
/// default imports all of them by reflection up front (milliseconds per process in the AOT binary, where templates
/// use two), then deep-copies the lot into every <see cref="TemplateContext"/>. This keeps the per-context copy, so
/// a template that changes e.g. <c>date.format</c> still affects only itself, but copies only what it touches.
/// Measured (issue 14, bench/run.py --runs 15 --baseline with Scriban's default builtins, load 14):
/// plan-0 68 vs 93 ms median wall (0.73), 24.5 vs 31.4 ms CPU (0.78); plan-0-1core CPU 25.2 vs 33.1 ms (0.76).
/// </summary>
internal sealed class LazyBuiltins : ScriptObject
{
    // The same names and objects as Scriban's BuiltinFunctions.
    private static readonly Dictionary<string, Func<object>> Factories = new(StringComparer.Ordinal)
    {
        ["array"] = () => new ArrayFunctions(),
        ["empty"] = () => EmptyScriptObject.Default,
        ["blank"] = () => EmptyScriptObject.Default,
        ["include"] = () => new IncludeFunction(),
        [DateTimeFunctions.DateVariable.Name] = () => new DateTimeFunctions(),
        ["html"] = () => new HtmlFunctions(),
        ["math"] = () => new MathFunctions(),
        ["object"] = () => new ObjectFunctions(),
        ["regex"] = () => new RegexFunctions(),
        ["string"] = () => new StringFunctions(),
        ["timespan"] = () => new TimeSpanFunctions(),
    };

    private static readonly ConcurrentDictionary<string, Lazy<object>> Prototypes = new(StringComparer.Ordinal);

    public LazyBuiltins()
        : base(Factories.Count, autoImportStaticsFromThisType: false)
    {
    }

    public override bool Contains(string member) => base.Contains(member) || Factories.ContainsKey(member);

    public override bool TryGetValue(TemplateContext? context, SourceSpan span, string member, out object? value)
    {
        if (base.TryGetValue(context, span, member, out value))
        {
            return true;
        }

        if (!Factories.TryGetValue(member, out var factory))
        {
            return false;
        }

        var prototype = Prototypes.GetOrAdd(member, _ => new Lazy<object>(factory)).Value;
        // Deep copies, as Scriban's BuiltinFunctions makes them; the include function and empty object are shared there too.
        value = prototype is ScriptObject functions ? functions.Clone(true) : prototype;
        SetValue(member, value, true);
        return true;
    }
}
