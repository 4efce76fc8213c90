using Kairos.Stages.FrontEnd.Loading;
using Kairos.Stages.FrontEnd.Loading.Yaml;

namespace Kairos.Stages.Tests.Validation;

/// <summary>Walks a step's YAML and records which (place, key) pairs appear, following the nested types of <see cref="KeyTables"/>.</summary>
public static class KeyUsage
{
    private static readonly Dictionary<(string Place, string Key), string> Children = new()
    {
        [(KeyTables.Step, "files")] = KeyTables.File,
        [(KeyTables.Step, "downloads")] = KeyTables.Download,
        [(KeyTables.Step, "directories")] = KeyTables.Directory,
        [(KeyTables.Step, "ensure_entities")] = KeyTables.Entity,
        [(KeyTables.Step, "delete_entities")] = KeyTables.Entity,
        [(KeyTables.Step, "dns")] = KeyTables.Dns,
        [(KeyTables.Step, "systemctl")] = KeyTables.Systemctl,
        [(KeyTables.Systemctl, "overrides")] = KeyTables.Override,
        [(KeyTables.Step, "packages")] = KeyTables.Packages,
        [(KeyTables.Step, "datasource")] = KeyTables.DataSource,
        [(KeyTables.Step, "layout")] = KeyTables.Layout,
        [(KeyTables.Layout, "device")] = KeyTables.LayoutDevice,
        [(KeyTables.Layout, "expand_partition")] = KeyTables.ExpandPartition,
        [(KeyTables.Layout, "add_partitions")] = KeyTables.AddPartition,
        [(KeyTables.Step, "git")] = KeyTables.Git,
        [(KeyTables.Git, "auth")] = KeyTables.GitAuth,
        [(KeyTables.Step, "unpack_images")] = KeyTables.UnpackImage,
        [(KeyTables.Step, "if_files")] = KeyTables.IfFiles,
        [(KeyTables.Step, "after")] = KeyTables.After,
    };

    public static void Collect(YMapping map, string place, HashSet<(string, string)> used)
    {
        foreach (var entry in map.Entries)
        {
            used.Add((place, entry.Key.Value));
            if (place == KeyTables.Step && entry.Key.Value == "users" && entry.Value is YMapping users)
            {
                foreach (var user in users.Entries.Select(u => u.Value).OfType<YMapping>())
                {
                    Collect(user, KeyTables.User, used);
                }
            }
            else if (Children.TryGetValue((place, entry.Key.Value), out var child))
            {
                var maps = entry.Value is YSequence list ? list.Items.OfType<YMapping>() : entry.Value is YMapping m ? [m] : [];
                foreach (var nested in maps)
                {
                    Collect(nested, child, used);
                }
            }
        }
    }
}
