using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Kairos.Stages.Image.Requests;

/// <summary>
/// Measures a YAML text from its parser events, before any tree is built: how deep it nests and how many nodes it
/// stands for once every alias is expanded (an anchored node counts again at each alias). A "billion laughs" text of
/// a few hundred bytes stands for billions of nodes; the count stops at the budget, so measuring it costs the events.
/// </summary>
public static class YamlBudget
{
    /// <summary>Nodes a cloud-config may stand for with its aliases expanded.</summary>
    public const long MaxExpandedNodes = 20_000;

    /// <summary>Nesting depth of mappings and sequences.</summary>
    public const int MaxDepth = 64;

    /// <summary>Null when within budget and free of application tags (<c>!foo</c>), else the problem (with line and column).</summary>
    public static string? Problem(string text)
    {
        var parser = new Parser(new StringReader(text));
        var anchors = new Dictionary<string, long>(StringComparer.Ordinal);
        var open = new Stack<(string? Anchor, long Before)>();
        long nodes = 0;
        while (parser.MoveNext())
        {
            var current = parser.Current!;
            if (current is NodeEvent { Tag.IsEmpty: false } tagged && !tagged.Tag.Value.StartsWith("tag:yaml.org,2002:", StringComparison.Ordinal))
            {
                return $"uses the YAML tag '{tagged.Tag.Value}' (line {tagged.Start.Line}, column {tagged.Start.Column}): only YAML's standard tags are accepted";
            }

            switch (current)
            {
                case Scalar scalar:
                    nodes++;
                    Remember(scalar.Anchor, 1);
                    break;
                case AnchorAlias alias:
                    nodes += anchors.TryGetValue(alias.Value.Value, out var size) ? size : 1;
                    break;
                case NodeEvent start and (MappingStart or SequenceStart):
                    if (open.Count >= MaxDepth)
                    {
                        return $"nests deeper than {MaxDepth} levels (line {start.Start.Line}, column {start.Start.Column})";
                    }

                    open.Push((start.Anchor.IsEmpty ? null : start.Anchor.Value, nodes));
                    nodes++;
                    break;
                case MappingEnd or SequenceEnd:
                    var (anchor, before) = open.Pop();
                    if (anchor is not null)
                    {
                        anchors[anchor] = nodes - before;
                    }

                    break;
            }

            if (nodes > MaxExpandedNodes)
            {
                return $"stands for more than {MaxExpandedNodes} nodes with its aliases expanded (line {current.Start.Line}, column {current.Start.Column}): aliases this heavy are refused";
            }
        }

        return null;

        void Remember(AnchorName anchor, long size)
        {
            if (!anchor.IsEmpty)
            {
                anchors[anchor.Value] = size;
            }
        }
    }
}
