using Kairos.Stages.Engine.Planning;
using YamlDotNet.RepresentationModel;

namespace Kairos.Stages.Engine.Recording;

/// <summary>
/// The yip config of what ran, as one document with a <c>stages:</c> map in plan order
/// (kairos-init writes the same to /etc/kairos/kairos-init-&lt;stage&gt;-stage.yaml): each step is
/// copied from its rendered source, so the dump can be re-run with yip, except that secrets
/// (passwords, tokens, URL credentials) are masked by <see cref="DumpRedaction"/>.
/// </summary>
public static class StageDump
{
    public static string Build(Plan plan, IReadOnlyList<PlanSource> sources, IReadOnlyDictionary<string, string> texts)
    {
        var nodes = new Dictionary<string, YamlMappingNode?>(StringComparer.Ordinal);
        var stagesNode = new YamlMappingNode();
        foreach (var stage in plan.Stages)
        {
            var list = new YamlSequenceNode();
            foreach (var entry in stage.Entries.Where(e => !e.Skipped))
            {
                var source = sources.FirstOrDefault(s => s.File.StepsFor(stage.Name).Any(step => ReferenceEquals(step, entry.Step)));
                if (source is null || !texts.TryGetValue(source.File.Path, out var text))
                {
                    continue;
                }

                var index = source.File.StepsFor(stage.Name).ToList().FindIndex(step => ReferenceEquals(step, entry.Step));
                if (StepNode(nodes, source.File.Path, text, stage.Name, index) is { } node)
                {
                    list.Add(DumpRedaction.Scrub(node));
                }
            }

            stagesNode.Add(stage.Name, list);
        }

        var document = new YamlMappingNode { { "name", "kairos-stages" }, { "stages", stagesNode } };
        using var writer = new StringWriter();
        new YamlStream(new YamlDocument(document)).Save(writer, assignAnchors: false);
        return writer.ToString().Replace("\n...\n", "\n", StringComparison.Ordinal);
    }

    private static YamlNode? StepNode(Dictionary<string, YamlMappingNode?> cache, string path, string text, string stage, int index)
    {
        if (!cache.TryGetValue(path, out var root))
        {
            try
            {
                var stream = new YamlStream();
                stream.Load(new StringReader(text));
                root = stream.Documents.Count > 0 ? stream.Documents[0].RootNode as YamlMappingNode : null;
            }
            catch (YamlDotNet.Core.YamlException)
            {
                root = null;
            }

            cache[path] = root;
        }

        return root is not null
            && root.Children.TryGetValue(new YamlScalarNode("stages"), out var stages) && stages is YamlMappingNode map
            && map.Children.TryGetValue(new YamlScalarNode(stage), out var steps) && steps is YamlSequenceNode seq
            && index >= 0 && index < seq.Children.Count
                ? seq.Children[index]
                : null;
    }
}
