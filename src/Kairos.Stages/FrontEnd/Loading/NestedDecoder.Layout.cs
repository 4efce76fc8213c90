using Kairos.Stages.FrontEnd.Loading.Yaml;
using Kairos.Stages.FrontEnd.Model;

namespace Kairos.Stages.FrontEnd.Loading;

/// <summary>Decodes <c>layout</c> (device, expand_partition, add_partitions with yip's camelCase labels).</summary>
internal sealed partial class NestedDecoder
{
    public Layout? Layout(YNode v) => Object(v, "layout", KeyTables.Layout, new Layout(), (x, f) => f.Key.Value switch
    {
        "device" => x with { Device = Object(f.Value, "device", KeyTables.LayoutDevice, new LayoutDevice(), DeviceField) },
        "expand_partition" => ExpandPartition(x, f.Value),
        "add_partitions" => x with { AddPartitions = Partitions(f.Value) },
        _ => x,
    });

    private Layout ExpandPartition(Layout x, YNode v)
    {
        if (d.Map(v, "expand_partition") is not { } map)
        {
            return x;
        }

        var size = d.Entries(map, KeyTables.ExpandPartition).Select(e => d.ULong(e.Value, "size")).ToList().FirstOrDefault();
        return x with { HasExpandPartition = true, ExpandPartitionSize = size };
    }

    private LayoutDevice DeviceField(LayoutDevice x, YEntry f) => f.Key.Value switch
    {
        "label" => x with { Label = d.String(f.Value, "label") ?? "" },
        "path" => x with { Path = d.String(f.Value, "path") ?? "" },
        "init_disk" => x with { InitDisk = d.Bool(f.Value, "init_disk") ?? false },
        "disk_name" => x with { DiskName = d.String(f.Value, "disk_name") ?? "" },
        _ => x,
    };

    private List<LayoutPartition> Partitions(YNode v) => Each(v, "add_partitions", KeyTables.AddPartition, (p, f) => f.Key.Value switch
    {
        "fsLabel" => p with { FsLabel = d.String(f.Value, "fsLabel") ?? "" },
        "pLabel" => p with { PLabel = d.String(f.Value, "pLabel") ?? "" },
        "size" => p with { Size = d.ULong(f.Value, "size") ?? 0 },
        "filesystem" => p with { Filesystem = d.String(f.Value, "filesystem") ?? "" },
        "bootable" => p with { Bootable = d.Bool(f.Value, "bootable") ?? false },
        _ => p,
    }, _ => new LayoutPartition());
}
