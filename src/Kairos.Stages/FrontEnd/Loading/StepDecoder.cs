using Kairos.Stages.FrontEnd.Diagnostics;
using Kairos.Stages.FrontEnd.Loading.Yaml;
using Kairos.Stages.FrontEnd.Model;

namespace Kairos.Stages.FrontEnd.Loading;

/// <summary>Decodes one step mapping into a <see cref="Step"/>, key by key.</summary>
internal sealed class StepDecoder(Decoder d)
{
    private readonly NestedDecoder _nested = new(d);

    public Step? Decode(YNode node)
    {
        if (d.Map(node, "step") is not { } map)
        {
            return null;
        }

        var step = new Step { Location = map.Start };
        var locations = new Dictionary<string, SourceSpan>(StringComparer.Ordinal);
        var values = new Dictionary<string, SourceSpan>(StringComparer.Ordinal);
        foreach (var entry in d.Entries(map, KeyTables.Step))
        {
            locations[entry.Key.Value] = entry.Key.Start;
            values[entry.Key.Value] = entry.Value.Start;
            if (entry.Value is YSequence list)
            {
                for (var i = 0; i < list.Items.Count; i++)
                {
                    values[$"{entry.Key.Value}[{i}]"] = list.Items[i].Start;
                }
            }

            step = Apply(step, entry.Key.Value, entry.Value);
        }

        return step with { KeyLocations = locations, ValueLocations = values };
    }

    private Step Apply(Step s, string key, YNode v) => key switch
    {
        "name" => s with { Name = d.String(v, key) ?? "" },
        "after" => s with { After = _nested.After(v) },
        "if" => s with { If = d.String(v, key) },
        "node" => s with { Node = d.String(v, key) },
        "only_os" => s with { OnlyOs = d.String(v, key) },
        "only_os_version" => s with { OnlyOsVersion = d.String(v, key) },
        "only_arch" => s with { OnlyArch = d.String(v, key) },
        "only_service_manager" => s with { OnlyServiceManager = d.String(v, key) },
        "if_files" => s with { IfFiles = _nested.IfFiles(v) },
        "commands" => s with { Commands = d.StringList(v, key) },
        "files" => s with { Files = _nested.Files(v) },
        "downloads" => s with { Downloads = _nested.Downloads(v) },
        "directories" => s with { Directories = _nested.Directories(v) },
        "ensure_entities" => s with { EnsureEntities = _nested.Entities(v, key) },
        "delete_entities" => s with { DeleteEntities = _nested.Entities(v, key) },
        "dns" => s with { Dns = _nested.Dns(v) },
        "hostname" => s with { Hostname = d.String(v, key) },
        "sysctl" => s with { Sysctl = d.StringMap(v, key) },
        "authorized_keys" => s with { AuthorizedKeys = _nested.AuthorizedKeys(v) },
        "users" => s with { Users = _nested.Users(v) },
        "modules" => s with { Modules = d.StringList(v, key) },
        "systemctl" => s with { Systemctl = _nested.Systemctl(v) },
        "environment" => s with { Environment = d.StringMap(v, key) },
        "environment_file" => s with { EnvironmentFile = d.String(v, key) },
        "timesyncd" => s with { Timesyncd = d.StringMap(v, key) },
        "systemd_firstboot" => s with { SystemdFirstboot = d.StringMap(v, key) },
        "datasource" => s with { Datasource = _nested.DataSource(v) },
        "layout" => s with { Layout = _nested.Layout(v) },
        "git" => s with { Git = _nested.Git(v) },
        "packages" => s with { Packages = _nested.Packages(v) },
        "package_pins" => s with { PackagePins = d.StringMap(v, key) },
        "unpack_images" => s with { UnpackImages = _nested.UnpackImages(v) },
        _ => s,
    };
}
