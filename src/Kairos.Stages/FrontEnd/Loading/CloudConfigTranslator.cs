using Kairos.Stages.FrontEnd.Diagnostics;
using Kairos.Stages.FrontEnd.Loading.Yaml;
using Kairos.Stages.FrontEnd.Model;

namespace Kairos.Stages.FrontEnd.Loading;

/// <summary>Maps the cloud-config keys onto yip's three fixed stages (boot, initramfs, network), as yip does.</summary>
internal sealed class CloudConfigTranslator(Decoder d)
{
    private readonly NestedDecoder _nested = new(d);

    public IReadOnlyList<StageBlock> Translate(YMapping root)
    {
        var at = root.Start;
        var users = Users(root.Find("users")?.Value);
        var topKeys = d.StringList(root.Find("ssh_authorized_keys")?.Value, "ssh_authorized_keys");
        var keys = users.Count == 0
            ? topKeys.Count == 0 ? [] : [new AuthorizedKeys("root", topKeys, at)]
            : users.Select(u => new AuthorizedKeys(u.Name, [.. u.SshAuthorizedKeys, .. topKeys], u.Location)).ToList();

        var boot = new Step
        {
            Location = at,
            Commands = d.StringList(root.Find("runcmd")?.Value, "runcmd"),
            Files = [.. WriteFiles(root.Find("write_files")?.Value, "write_files"), .. WriteFiles(root.Find("milpa_files")?.Value, "milpa_files")],
            Users = users,
            AuthorizedKeys = Split(keys, network: false),
        };
        var growpart = Growpart(root.Find("growpart")?.Value);
        var initramfs = new Step { Location = at, Hostname = d.String(root.Find("hostname")?.Value, "hostname") };
        var network = new Step { Location = at, AuthorizedKeys = Split(keys, network: true) };
        return
        [
            new StageBlock("boot", at, [boot, .. growpart]),
            new StageBlock("initramfs", at, [initramfs]),
            new StageBlock("network", at, [network]),
        ];
    }

    /// <summary>Keys fetched from GitHub/GitLab need the network, so they go to the network stage.</summary>
    private static List<AuthorizedKeys> Split(IEnumerable<AuthorizedKeys> keys, bool network) =>
        [.. keys.Select(k => k with { Keys = [.. k.Keys.Where(key => IsRemote(key) == network)] }).Where(k => k.Keys.Count > 0)];

    private static bool IsRemote(string key) =>
        key.StartsWith("github", StringComparison.Ordinal) || key.StartsWith("gitlab", StringComparison.Ordinal);

    private List<User> Users(YNode? node)
    {
        var users = new List<User>();
        foreach (var item in d.List(node, "users"))
        {
            if (d.Map(item, "users[]") is not { } map)
            {
                continue;
            }

            var user = d.Entries(map, "cloud-config users[]", CloudConfigKeys.User).Aggregate(new User { Location = map.Start }, _nested.UserField);
            if (user.Name.Length == 0)
            {
                d.Bag.Error(map.Start, DiagnosticCodes.MissingRequired, "a cloud-config user needs a 'name'");
            }

            users.Add(user);
        }

        return users;
    }

    private List<FileEntry> WriteFiles(YNode? node, string key)
    {
        var files = new List<FileEntry>();
        foreach (var item in d.List(node, key))
        {
            if (d.Map(item, $"{key}[]") is { } map)
            {
                files.Add(d.Entries(map, $"{key}[]", CloudConfigKeys.WriteFile).Aggregate(new FileEntry { Location = map.Start }, WriteFileField));
            }
        }

        return files;
    }

    private FileEntry WriteFileField(FileEntry f, YEntry e) => e.Key.Value switch
    {
        "path" => f with { Path = d.String(e.Value, "path") ?? "" },
        "content" => f with { Content = d.String(e.Value, "content") ?? "" },
        "encoding" => f with { Encoding = d.String(e.Value, "encoding") ?? "" },
        "owner" => f with { OwnerString = d.String(e.Value, "owner") ?? "" },
        "permissions" => f with { Permissions = OctalString(e.Value) },
        _ => f,
    };

    /// <summary>Cloud-config permissions are a string read as base 8: "0644" and "644" both mean 0o644.</summary>
    private uint? OctalString(YNode node)
    {
        if (d.String(node, "permissions") is not { } text)
        {
            return null;
        }

        var digits = text.Trim();
        digits = digits.StartsWith("0o", StringComparison.OrdinalIgnoreCase) ? digits[2..] : digits;
        if (digits.Length is > 0 and <= 11 && digits.All(c => c is >= '0' and <= '7') && Convert.ToUInt64(digits, 8) <= uint.MaxValue)
        {
            return (uint)Convert.ToUInt64(digits, 8);
        }

        d.Bag.Error(node.Start, DiagnosticCodes.BadInteger, $"cloud-config permissions must be an octal number such as \"0644\", not '{Decoder.Short(text)}' (yip rejects the file)");
        return null;
    }

    private List<Step> Growpart(YNode? node)
    {
        if (d.Map(node, "growpart") is not { } map)
        {
            return [];
        }

        var devices = d.Entries(map, "growpart", CloudConfigKeys.Growpart).SelectMany(e => d.StringList(e.Value, "growpart.devices"));
        return [.. devices.Select(device => new Step
        {
            Location = map.Start,
            Layout = new Layout { Device = new LayoutDevice { Path = device }, HasExpandPartition = true, ExpandPartitionSize = 0 },
        })];
    }
}
