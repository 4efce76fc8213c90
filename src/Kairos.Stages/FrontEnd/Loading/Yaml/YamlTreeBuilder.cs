using Kairos.Stages.FrontEnd.Diagnostics;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Kairos.Stages.FrontEnd.Loading.Yaml;

/// <summary>Turns parser events into nodes: anchors, aliases, merge keys, duplicate keys, depth and size limits.</summary>
internal sealed class YamlTreeBuilder(string path, IParser parser, DiagnosticBag bag)
{
    private readonly Dictionary<string, YNode> _anchors = new(StringComparer.Ordinal);
    private int _depth;

    public YNode? ReadFirstDocument()
    {
        Next(); // StreamStart
        if (!Next() || parser.Current is StreamEnd)
        {
            return null;
        }

        Next(); // past DocumentStart: the root node's first event
        var root = ReadNode();
        Next(); // DocumentEnd
        if (root.Weight > YamlLimits.MaxWeight)
        {
            bag.Error(root.Start, DiagnosticCodes.TooDeep, $"aliases expand to more than {YamlLimits.MaxWeight} nodes");
            throw new YamlTreeAbort();
        }

        return root is YScalar { IsNull: true } ? null : root;
    }

    public void CheckForMoreDocuments()
    {
        if (Next() && parser.Current is DocumentStart start)
        {
            bag.Warning(YamlReader.At(path, start.Start), DiagnosticCodes.ExtraDocument, "only the first YAML document is read; everything after this '---' is ignored");
        }
    }

    /// <summary>Where the last successfully parsed event ended: the best position when the parser fails without one.</summary>
    public SourceSpan LastPosition { get; private set; } = new(path, 1, 1);

    private bool Next()
    {
        if (parser.Current is { } current)
        {
            LastPosition = YamlReader.At(path, current.End);
        }

        return parser.MoveNext();
    }

    private SourceSpan At(ParsingEvent e) => YamlReader.At(path, e.Start);

    private YNode ReadNode()
    {
        var e = parser.Current ?? throw new YamlTreeAbort("unexpected end of events");
        var node = e switch
        {
            Scalar s => ReadScalar(s),
            AnchorAlias a => ResolveAlias(a),
            SequenceStart s => Nest(s, () => ReadSequence(s)),
            MappingStart m => Nest(m, () => ReadMapping(m)),
            _ => throw new YamlTreeAbort($"unexpected {e.GetType().Name}"),
        };
        if (e is NodeEvent { Anchor.IsEmpty: false } anchored)
        {
            _anchors[anchored.Anchor.Value] = node;
        }

        return node;
    }

    private YNode Nest(ParsingEvent e, Func<YNode> read)
    {
        if (++_depth > YamlLimits.MaxDepth)
        {
            bag.Error(At(e), DiagnosticCodes.TooDeep, $"nesting deeper than {YamlLimits.MaxDepth} levels");
            throw new YamlTreeAbort();
        }

        var node = read();
        _depth--;
        return node;
    }

    private YScalar ReadScalar(Scalar s)
    {
        if (s.Value.Length > YamlLimits.MaxScalarLength)
        {
            bag.Error(At(s), DiagnosticCodes.InvalidText, $"a scalar longer than {YamlLimits.MaxScalarLength} characters");
            throw new YamlTreeAbort();
        }

        var tag = s.Tag.IsEmpty || s.Tag.IsNonSpecific ? null : s.Tag.Value;
        return new YScalar(At(s), s.Value, s.Style, tag);
    }

    private YNode ResolveAlias(AnchorAlias a)
    {
        if (!_anchors.TryGetValue(a.Value.Value, out var target))
        {
            bag.Error(At(a), DiagnosticCodes.YamlSyntax, $"alias '*{a.Value.Value}' names no anchor defined before it");
            throw new YamlTreeAbort();
        }

        if (_depth + target.Height > YamlLimits.MaxDepth)
        {
            bag.Error(At(a), DiagnosticCodes.TooDeep, $"alias '*{a.Value.Value}' expands to nesting deeper than {YamlLimits.MaxDepth} levels");
            throw new YamlTreeAbort();
        }

        return target;
    }

    private YSequence ReadSequence(SequenceStart start)
    {
        var items = new List<YNode>();
        while (Next() && parser.Current is not SequenceEnd)
        {
            items.Add(ReadNode());
        }

        return new YSequence(At(start), items) { Weight = Weigh(items), Height = 1 + items.Select(i => i.Height).DefaultIfEmpty(0).Max() };
    }

    private YMapping ReadMapping(MappingStart start)
    {
        var explicitEntries = new List<YEntry>();
        var byKey = new Dictionary<string, YEntry>(StringComparer.Ordinal); // keeps huge hostile maps linear
        var merges = new List<YNode>();
        while (Next() && parser.Current is not MappingEnd)
        {
            var keyNode = ReadNode();
            Next();
            var value = ReadNode();
            if (keyNode is not YScalar key)
            {
                var hint = keyNode is YMapping ? " (a value starting with '{{' must be quoted)" : "";
                bag.Error(keyNode.Start, DiagnosticCodes.WrongType, $"a map key must be a plain word, not {keyNode.Describe()}{hint}");
                continue;
            }

            if (key.Value == "<<" && key.IsPlain)
            {
                merges.Add(value);
                continue;
            }

            if (byKey.TryGetValue(key.Value, out var first))
            {
                bag.Error(key.Start, DiagnosticCodes.DuplicateKey, $"duplicate key '{Decoder.Short(key.Value)}' (first defined at line {first.Key.Start.Line})");
                continue;
            }

            var entry = new YEntry(key, value, Merged: false);
            explicitEntries.Add(entry);
            byKey[key.Value] = entry;
        }

        var entries = MergeKeys.Apply(explicitEntries, merges, bag);
        var values = entries.Select(x => x.Value).ToList();
        return new YMapping(At(start), entries) { Weight = Weigh(values) + entries.Count, Height = 1 + values.Select(i => i.Height).DefaultIfEmpty(0).Max() };
    }

    private static long Weigh(IEnumerable<YNode> nodes) =>
        nodes.Aggregate(1L, (sum, n) => Math.Min(sum + n.Weight, long.MaxValue / 2));
}
