namespace Kairos.Stages.FrontEnd.Model;

/// <summary>Every yip step key, in yip's plugin order for the actions. The single list other layers are checked against.</summary>
public static class StepKeys
{
    public static readonly IReadOnlyList<string> Meta = ["name", "after"];

    /// <summary>Conditions in yip's evaluation order.</summary>
    public static readonly IReadOnlyList<string> Conditions =
        ["node", "if", "only_os", "only_os_version", "only_arch", "only_service_manager", "if_files"];

    /// <summary>Actions in yip's fixed plugin order.</summary>
    public static readonly IReadOnlyList<string> Actions =
    [
        "dns", "downloads", "git", "ensure_entities", "directories", "files", "commands",
        "delete_entities", "hostname", "sysctl", "users", "authorized_keys", "modules",
        "timesyncd", "systemctl", "environment", "systemd_firstboot", "datasource", "layout",
        "package_pins", "packages", "unpack_images",
    ];

    /// <summary>Keys that feed another action rather than being one.</summary>
    public static readonly IReadOnlyList<string> Modifiers = ["environment_file"];

    public static IEnumerable<string> All => Meta.Concat(Conditions).Concat(Actions).Concat(Modifiers);
}
