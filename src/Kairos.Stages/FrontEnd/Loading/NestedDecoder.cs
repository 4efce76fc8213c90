using Kairos.Stages.FrontEnd.Loading.Yaml;
using Kairos.Stages.FrontEnd.Model;

namespace Kairos.Stages.FrontEnd.Loading;

/// <summary>Decodes the file-like nested types (files, downloads, directories, entities, users, keys, after).</summary>
internal sealed partial class NestedDecoder(Decoder d)
{
    public IReadOnlyList<FileEntry> Files(YNode v) => Each(v, "files", KeyTables.File, (map, f) => f.Key.Value switch
    {
        "path" => map with { Path = d.String(f.Value, "path") ?? "" },
        "content" => map with { Content = d.String(f.Value, "content") ?? "" },
        "encoding" => map with { Encoding = d.String(f.Value, "encoding") ?? "" },
        "permissions" => map with { Permissions = d.Permissions(f.Value) },
        "owner" => map with { Owner = d.Int(f.Value, "owner") },
        "group" => map with { Group = d.Int(f.Value, "group") },
        "ownerstring" => map with { OwnerString = d.String(f.Value, "ownerstring") ?? "" },
        _ => map,
    }, at => new FileEntry { Location = at });

    public IReadOnlyList<Download> Downloads(YNode v) => Each(v, "downloads", KeyTables.Download, (map, f) => f.Key.Value switch
    {
        "path" => map with { Path = d.String(f.Value, "path") ?? "" },
        "url" => map with { Url = d.String(f.Value, "url") ?? "" },
        "permissions" => map with { Permissions = d.Permissions(f.Value) },
        "owner" => map with { Owner = d.Int(f.Value, "owner") },
        "group" => map with { Group = d.Int(f.Value, "group") },
        "timeout" => map with { Timeout = d.Int(f.Value, "timeout") ?? 0 },
        "ownerstring" => map with { OwnerString = d.String(f.Value, "ownerstring") ?? "" },
        "sha256" => map with { Sha256 = d.String(f.Value, "sha256") ?? "" },
        "extract" => map with { Extract = d.String(f.Value, "extract") ?? "" },
        _ => map,
    }, at => new Download { Location = at });

    public IReadOnlyList<DirectoryEntry> Directories(YNode v) => Each(v, "directories", KeyTables.Directory, (map, f) => f.Key.Value switch
    {
        "path" => map with { Path = d.String(f.Value, "path") ?? "" },
        "permissions" => map with { Permissions = d.Permissions(f.Value) },
        "owner" => map with { Owner = d.Int(f.Value, "owner") },
        "group" => map with { Group = d.Int(f.Value, "group") },
        _ => map,
    }, at => new DirectoryEntry { Location = at });

    public IReadOnlyList<YipEntity> Entities(YNode v, string key) => Each(v, key, KeyTables.Entity, (e, f) => f.Key.Value switch
    {
        "path" => e with { Path = d.String(f.Value, "path") ?? "" },
        "entity" => e with { Entity = d.String(f.Value, "entity") ?? "" },
        _ => e,
    }, at => new YipEntity("", "", at));

    public IReadOnlyList<StepRef> After(YNode v)
    {
        var refs = Each(v, "after", KeyTables.After, (r, f) => f.Key.Value switch
        {
            // a dangling or cyclic after is about the name, so diagnostics point at the value
            "name" => r with { Name = d.String(f.Value, "name") ?? "", Location = f.Value.Start },
            _ => r,
        }, at => new StepRef("", at));
        foreach (var missing in refs.Where(r => r.Name.Length == 0))
        {
            d.Bag.Error(missing.Location, Diagnostics.DiagnosticCodes.MissingRequired, "an after entry needs a name: after: [{name: <step>}]");
        }

        return refs;
    }

    public IReadOnlyList<AuthorizedKeys> AuthorizedKeys(YNode v) =>
        d.Map(v, "authorized_keys") is { } map
            ? [.. map.Entries.Select(e => new AuthorizedKeys(e.Key.Value, d.StringList(e.Value, $"authorized_keys.{e.Key.Value}"), e.Key.Start))]
            : [];

    public IReadOnlyList<User> Users(YNode v) =>
        d.Map(v, "users") is { } map
            ? [.. map.Entries.Select(e => User(e.Value, e.Key.Value, e.Key.Start)).OfType<User>()]
            : [];

    /// <summary>The map key is the login name; it overrides a <c>name:</c> inside.</summary>
    private User? User(YNode node, string login, Diagnostics.SourceSpan at)
    {
        if (d.Map(node, $"users.{login}") is not { } map)
        {
            return node is YScalar { IsNull: true } ? new User { Name = login, Location = at } : null;
        }

        var user = new User { Location = at };
        foreach (var f in d.Entries(map, KeyTables.User))
        {
            user = UserField(user, f);
        }

        return user with { Name = login };
    }

    /// <summary>Decodes each mapping of a list with one field function, starting from a fresh record per item.</summary>
    private List<T> Each<T>(YNode v, string key, string place, Func<T, YEntry, T> field, Func<Diagnostics.SourceSpan, T> create)
    {
        var result = new List<T>();
        foreach (var item in d.List(v, key))
        {
            if (d.Map(item, $"{key}[]") is { } map)
            {
                result.Add(d.Entries(map, place).Aggregate(create(map.Start), field));
            }
        }

        return result;
    }
}
