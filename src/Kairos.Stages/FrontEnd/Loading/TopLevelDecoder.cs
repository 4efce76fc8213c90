using Kairos.Stages.FrontEnd.Loading.Yaml;
using Kairos.Stages.FrontEnd.Model;

namespace Kairos.Stages.FrontEnd.Loading;

/// <summary>Decodes the document's top level: name, stages, bundled metadata, and the cloud-config dialect.</summary>
internal sealed class TopLevelDecoder(Decoder d, string path, bool isCloudConfig)
{
    public StageFile Decode(YMapping root)
    {
        var file = new StageFile { Path = path, IsCloudConfig = isCloudConfig };
        IReadOnlyList<StageBlock> blocks = isCloudConfig ? new CloudConfigTranslator(d).Translate(root) : [];
        foreach (var entry in d.Entries(root, KeyTables.TopLevel, ValidKeys()))
        {
            switch (entry.Key.Value)
            {
                case "name":
                    file = file with { Name = d.String(entry.Value, "name") };
                    break;
                case "step":
                    file = file with { StepName = d.String(entry.Value, "step") };
                    break;
                case "description":
                    file = file with { Description = d.String(entry.Value, "description") };
                    break;
                case "stages":
                    blocks = StageBlocks.Append(blocks, Stages(entry.Value));
                    break;
            }
        }

        return file with { Stages = blocks };
    }

    private IReadOnlyList<string> ValidKeys()
    {
        IEnumerable<string> keys = isCloudConfig ? CloudConfigKeys.AllTopLevel : KeyTables.Keys[KeyTables.TopLevel];
        return [.. d.Options.Bundled ? keys.Concat(["step", "description"]) : keys];
    }

    private List<StageBlock> Stages(YNode node)
    {
        var steps = new StepDecoder(d);
        var blocks = new List<StageBlock>();
        if (d.Map(node, "stages") is not { } map)
        {
            return blocks;
        }

        foreach (var entry in map.Entries)
        {
            var list = d.List(entry.Value, $"stages.{entry.Key.Value}");
            blocks.Add(new StageBlock(entry.Key.Value, entry.Key.Start, [.. list.Select(steps.Decode).OfType<Step>()]));
        }

        return blocks;
    }
}
