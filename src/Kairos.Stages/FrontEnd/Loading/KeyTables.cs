using Kairos.Stages.FrontEnd.Model;

namespace Kairos.Stages.FrontEnd.Loading;

/// <summary>The valid keys of every place in a stage file, exactly as yip spells them; the loader, schema test and suggestions read this.</summary>
public static class KeyTables
{
    public const string TopLevel = "top level";
    public const string BundledTopLevel = "bundled top level";
    public const string Step = "step";
    public const string File = "files[]";
    public const string Download = "downloads[]";
    public const string Directory = "directories[]";
    public const string Entity = "entities[]";
    public const string Dns = "dns";
    public const string Systemctl = "systemctl";
    public const string Override = "systemctl.overrides[]";
    public const string User = "users.<name>";
    public const string Packages = "packages";
    public const string DataSource = "datasource";
    public const string Layout = "layout";
    public const string LayoutDevice = "layout.device";
    public const string ExpandPartition = "layout.expand_partition";
    public const string AddPartition = "layout.add_partitions[]";
    public const string Git = "git";
    public const string GitAuth = "git.auth";
    public const string UnpackImage = "unpack_images[]";
    public const string IfFiles = "if_files";
    public const string After = "after[]";

    /// <summary>Places and their keys. Nested types come after <see cref="Step"/>.</summary>
    public static readonly IReadOnlyDictionary<string, IReadOnlyList<string>> Keys = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal)
    {
        [TopLevel] = ["name", "stages"],
        [BundledTopLevel] = ["name", "stages", "step", "description"],
        [Step] = [.. StepKeys.All],
        [File] = ["path", "content", "encoding", "permissions", "owner", "group", "ownerstring"],
        [Download] = ["path", "url", "permissions", "owner", "group", "timeout", "ownerstring", "sha256", "extract"],
        [Directory] = ["path", "permissions", "owner", "group"],
        [Entity] = ["path", "entity"],
        [Dns] = ["nameservers", "search", "options", "path"],
        [Systemctl] = ["enable", "disable", "start", "mask", "overrides"],
        [Override] = ["service", "name", "content"],
        [User] = ["name", "passwd", "ssh_authorized_keys", "gecos", "homedir", "no_create_home", "primary_group", "groups", "no_user_group", "system", "no_log_init", "shell", "lock_passwd", "uid"],
        [Packages] = ["install", "remove", "refresh", "upgrade"],
        [DataSource] = ["providers", "path", "userdata_name"],
        [Layout] = ["device", "expand_partition", "add_partitions"],
        [LayoutDevice] = ["label", "path", "init_disk", "disk_name"],
        [ExpandPartition] = ["size"],
        [AddPartition] = ["fsLabel", "pLabel", "size", "filesystem", "bootable"],
        [Git] = ["url", "path", "branch", "branch_only", "auth"],
        [GitAuth] = ["username", "password", "private_key", "public_key", "insecure"],
        [UnpackImage] = ["source", "target", "platform"],
        [IfFiles] = ["any", "all", "none"],
        [After] = ["name"],
    };

    /// <summary>Spellings from yip's README that yip silently ignores, and the key that works.</summary>
    public static readonly IReadOnlyDictionary<string, string> ReadmeSpellings = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["owner_string"] = "ownerstring",
        ["owner-string"] = "ownerstring",
        ["ownerString"] = "ownerstring",
        ["fs_label"] = "fsLabel",
        ["p_label"] = "pLabel",
        ["fslabel"] = "fsLabel",
        ["plabel"] = "pLabel",
    };

    /// <summary>Every key of a place that is spelled differently in the README or with dashes, mapped to the working key.</summary>
    public static string? WorkingSpelling(IReadOnlyList<string> valid, string key)
    {
        if (ReadmeSpellings.TryGetValue(key, out var known) && valid.Contains(known))
        {
            return known;
        }

        var underscored = key.Replace('-', '_');
        return underscored != key && valid.Contains(underscored) ? underscored : null;
    }
}
