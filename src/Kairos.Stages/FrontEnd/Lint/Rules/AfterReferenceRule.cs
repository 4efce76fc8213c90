using Kairos.Stages.FrontEnd.Diagnostics;
using Kairos.Stages.FrontEnd.Loading;
using Kairos.Stages.FrontEnd.Model;

namespace Kairos.Stages.FrontEnd.Lint.Rules;

/// <summary>KS502/KS503: every <c>after</c> names a step of the same stage (by op id or plain name), and the references form no cycle.</summary>
public sealed class AfterReferenceRule : ISemanticRule
{
    /// <summary>A step with its op id; compared by reference so identical steps stay distinct.</summary>
    private sealed class Node(Step step, string id)
    {
        public Step Step { get; } = step;

        public string Id { get; } = id;
    }

    public void Check(SemanticContext context, DiagnosticBag bag)
    {
        var stages = context.Files.SelectMany(f => f.Stages.Select(b => (File: f, Block: b))).GroupBy(x => x.Block.Stage, StringComparer.Ordinal);
        foreach (var stage in stages)
        {
            var nodes = stage.SelectMany(x => x.Block.Steps.Zip(OpIds.For(x.File, x.Block.Steps), (s, id) => new Node(s, id))).ToList();
            var byId = nodes.ToLookup(n => n.Id, StringComparer.Ordinal);
            var byName = nodes.Where(n => n.Step.Name.Length > 0).ToLookup(n => n.Step.Name, StringComparer.Ordinal);
            var edges = nodes.ToDictionary(n => n, n => Resolve(n, nodes, byId, byName, stage.Key, bag));
            new CycleFinder(edges, bag).Run(nodes);
        }
    }

    private static List<Node> Resolve(Node node, List<Node> nodes, ILookup<string, Node> byId, ILookup<string, Node> byName, string stage, DiagnosticBag bag)
    {
        var targets = new List<Node>();
        foreach (var reference in node.Step.After.Where(r => r.Name.Length > 0))
        {
            var found = byId[reference.Name].ToList();
            found = found.Count > 0 ? found : [.. byName[reference.Name]];
            if (found.Count == 0)
            {
                var hint = Suggestions.DidYouMean(reference.Name, nodes.Select(n => n.Step.Name).Where(n => n.Length > 0).Concat(nodes.Select(n => n.Id)));
                bag.Error(reference.Location, DiagnosticCodes.DanglingAfter, $"after '{reference.Name}' names no step of stage '{stage}'{hint}");
            }

            targets.AddRange(found);
        }

        return targets;
    }

    /// <summary>Depth-first search that reports each cycle once, at the <c>after</c> of the step that closes it.</summary>
    private sealed class CycleFinder(Dictionary<Node, List<Node>> edges, DiagnosticBag bag)
    {
        private readonly Dictionary<Node, int> _state = [];
        private readonly List<Node> _path = [];

        public void Run(IEnumerable<Node> nodes)
        {
            foreach (var node in nodes)
            {
                Visit(node);
            }
        }

        private void Visit(Node node)
        {
            if (_state.GetValueOrDefault(node) != 0)
            {
                return;
            }

            _state[node] = 1;
            _path.Add(node);
            foreach (var target in edges[node])
            {
                if (_state.GetValueOrDefault(target) == 1)
                {
                    var cycle = _path.Skip(_path.IndexOf(target)).Append(target).Select(n => n.Id);
                    bag.Error(node.Step.LocationOf("after"), DiagnosticCodes.AfterCycle, $"after creates a cycle: {string.Join(" → ", cycle)}");
                }
                else
                {
                    Visit(target);
                }
            }

            _path.RemoveAt(_path.Count - 1);
            _state[node] = 2;
        }
    }
}
