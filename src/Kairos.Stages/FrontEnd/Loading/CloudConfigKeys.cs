namespace Kairos.Stages.FrontEnd.Loading;

/// <summary>Top-level keys of a <c>#cloud-config</c> document: what yip translates, and what other consumers own.</summary>
public static class CloudConfigKeys
{
    /// <summary>Keys yip reads from a cloud-config document (besides <c>name</c> and <c>stages</c>).</summary>
    public static readonly IReadOnlyList<string> Translated =
        ["name", "stages", "runcmd", "write_files", "milpa_files", "users", "ssh_authorized_keys", "hostname", "growpart"];

    /// <summary>Keys that Kairos' agent, installer and providers read from the same document; yip ignores them and so do we.</summary>
    public static readonly IReadOnlyList<string> OtherConsumers =
    [
        "install", "k3s", "k3s-agent", "k0s", "k0s-worker", "p2p", "kairos", "options", "bundles", "reset", "upgrade",
        "strict", "debug", "config_url", "fail_on_bundles_errors", "cloud-init-paths", "kubevip", "auroraboot",
        "vpn", "network_token", "uki", "kcrypt", "logs", "hostname_prefix", "role", "env", "kube_vip",
    ];

    public static readonly IReadOnlyList<string> WriteFile = ["path", "content", "encoding", "owner", "permissions"];

    public static readonly IReadOnlyList<string> User =
    [
        "name", "passwd", "ssh_authorized_keys", "gecos", "homedir", "no_create_home", "primary_group", "groups",
        "no_user_group", "system", "no_log_init", "shell", "lock_passwd", "uid",
        "coreos_ssh_import_github", "coreos_ssh_import_github_users", "coreos_ssh_import_url", "coreos_ssh_import_timeout",
    ];

    public static readonly IReadOnlyList<string> Growpart = ["devices"];

    public static IEnumerable<string> AllTopLevel => Translated.Concat(OtherConsumers);
}
