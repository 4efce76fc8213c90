using Kairos.Stages.FrontEnd.Loading.Yaml;
using Kairos.Stages.FrontEnd.Model;

namespace Kairos.Stages.FrontEnd.Loading;

/// <summary>Decodes the single-object nested types (dns, systemctl, packages, datasource, git, unpack, if_files, user fields).</summary>
internal sealed partial class NestedDecoder
{
    private T? Object<T>(YNode v, string key, string place, T start, Func<T, YEntry, T> field)
        where T : class =>
        d.Map(v, key) is { } map ? d.Entries(map, place).Aggregate(start, field) : null;

    public IfFiles? IfFiles(YNode v) => Object(v, "if_files", KeyTables.IfFiles, new IfFiles(), (x, f) => f.Key.Value switch
    {
        "any" => x with { Any = d.StringList(f.Value, "if_files.any") },
        "all" => x with { All = d.StringList(f.Value, "if_files.all") },
        "none" => x with { None = d.StringList(f.Value, "if_files.none") },
        _ => x,
    });

    public Dns? Dns(YNode v) => Object(v, "dns", KeyTables.Dns, new Dns(), (x, f) => f.Key.Value switch
    {
        "nameservers" => x with { Nameservers = d.StringList(f.Value, "nameservers") },
        "search" => x with { Search = d.StringList(f.Value, "search") },
        "options" => x with { Options = d.StringList(f.Value, "options") },
        "path" => x with { Path = d.String(f.Value, "path") ?? "" },
        _ => x,
    });

    public Systemctl? Systemctl(YNode v) => Object(v, "systemctl", KeyTables.Systemctl, new Systemctl(), (x, f) => f.Key.Value switch
    {
        "enable" => x with { Enable = d.StringList(f.Value, "enable") },
        "disable" => x with { Disable = d.StringList(f.Value, "disable") },
        "start" => x with { Start = d.StringList(f.Value, "start") },
        "mask" => x with { Mask = d.StringList(f.Value, "mask") },
        "overrides" => x with { Overrides = Overrides(f.Value) },
        _ => x,
    });

    private List<SystemctlOverride> Overrides(YNode v) => Each(v, "overrides", KeyTables.Override, (o, f) => f.Key.Value switch
    {
        "service" => o with { Service = d.String(f.Value, "service") ?? "" },
        "name" => o with { Name = d.String(f.Value, "name") ?? "" },
        "content" => o with { Content = d.String(f.Value, "content") ?? "" },
        _ => o,
    }, at => new SystemctlOverride("", "", "", at));

    public Model.Packages? Packages(YNode v) => Object(v, "packages", KeyTables.Packages, new Model.Packages(), (x, f) => f.Key.Value switch
    {
        "install" => x with { Install = d.StringList(f.Value, "install") },
        "remove" => x with { Remove = d.StringList(f.Value, "remove") },
        "refresh" => x with { Refresh = d.Bool(f.Value, "refresh") ?? false },
        "upgrade" => x with { Upgrade = d.Bool(f.Value, "upgrade") ?? false },
        _ => x,
    });

    public DataSource? DataSource(YNode v) => Object(v, "datasource", KeyTables.DataSource, new DataSource(), (x, f) => f.Key.Value switch
    {
        "providers" => x with { Providers = d.StringList(f.Value, "providers") },
        "path" => x with { Path = d.String(f.Value, "path") ?? "" },
        "userdata_name" => x with { UserdataName = d.String(f.Value, "userdata_name") ?? "" },
        _ => x,
    });

    public Git? Git(YNode v) => Object(v, "git", KeyTables.Git, new Git(), (x, f) => f.Key.Value switch
    {
        "url" => x with { Url = d.String(f.Value, "url") ?? "" },
        "path" => x with { Path = d.String(f.Value, "path") ?? "" },
        "branch" => x with { Branch = d.String(f.Value, "branch") ?? "" },
        "branch_only" => x with { BranchOnly = d.Bool(f.Value, "branch_only") ?? false },
        "auth" => x with { Auth = Object(f.Value, "auth", KeyTables.GitAuth, new GitAuth(), GitAuthField) },
        _ => x,
    });

    private GitAuth GitAuthField(GitAuth x, YEntry f) => f.Key.Value switch
    {
        "username" => x with { Username = d.String(f.Value, "username") ?? "" },
        "password" => x with { Password = d.String(f.Value, "password") ?? "" },
        "private_key" => x with { PrivateKey = d.String(f.Value, "private_key") ?? "" },
        "public_key" => x with { PublicKey = d.String(f.Value, "public_key") ?? "" },
        "insecure" => x with { Insecure = d.Bool(f.Value, "insecure") ?? false },
        _ => x,
    };

    public IReadOnlyList<UnpackImage> UnpackImages(YNode v) => Each(v, "unpack_images", KeyTables.UnpackImage, (x, f) => f.Key.Value switch
    {
        "source" => x with { Source = d.String(f.Value, "source") ?? "" },
        "target" => x with { Target = d.String(f.Value, "target") ?? "" },
        "platform" => x with { Platform = d.String(f.Value, "platform") ?? "" },
        _ => x,
    }, _ => new UnpackImage());

    internal User UserField(User u, YEntry f) => f.Key.Value switch
    {
        "name" => u with { Name = d.String(f.Value, "name") ?? "" },
        "passwd" => u with { Passwd = d.String(f.Value, "passwd") ?? "" },
        "ssh_authorized_keys" => u with { SshAuthorizedKeys = d.StringList(f.Value, "ssh_authorized_keys") },
        "gecos" => u with { Gecos = d.String(f.Value, "gecos") ?? "" },
        "homedir" => u with { Homedir = d.String(f.Value, "homedir") ?? "" },
        "no_create_home" => u with { NoCreateHome = d.Bool(f.Value, "no_create_home") ?? false },
        "primary_group" => u with { PrimaryGroup = d.String(f.Value, "primary_group") ?? "" },
        "groups" => u with { Groups = d.StringList(f.Value, "groups") },
        "no_user_group" => u with { NoUserGroup = d.Bool(f.Value, "no_user_group") ?? false },
        "system" => u with { System = d.Bool(f.Value, "system") ?? false },
        "no_log_init" => u with { NoLogInit = d.Bool(f.Value, "no_log_init") ?? false },
        "shell" => u with { Shell = d.String(f.Value, "shell") ?? "" },
        "lock_passwd" => u with { LockPasswd = d.Bool(f.Value, "lock_passwd") ?? false },
        "uid" => u with { Uid = d.String(f.Value, "uid") ?? "" },
        _ => u,
    };
}
