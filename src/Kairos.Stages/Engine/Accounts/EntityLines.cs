using Kairos.Stages.FrontEnd.Model;
using Kairos.Stages.Target.Platform;

namespace Kairos.Stages.Engine.Accounts;

/// <summary>Turns an entity into the line it stands for (mudler/entities formats), resolving ids against the target root.</summary>
public static class EntityLines
{
    public static string ToLine(Entity entity, ColonFile file, IRootFileSystem files) => entity.Kind switch
    {
        "user" => User(entity, file, files),
        "group" => Group(entity, file),
        "shadow" => Shadow(entity),
        _ => $"{entity["name"]}:{entity["password"]}:{entity["administrators"]}:{entity["members"]}",
    };

    /// <summary>Days since the Unix epoch (never 0), the value of <c>last_changed: now</c>.</summary>
    public static long DaysSinceEpoch() => Math.Max(1, DateTimeOffset.UtcNow.ToUnixTimeSeconds() / 86400);

    /// <summary>A password for the shadow file: plain text is hashed with SHA-512 crypt; hashes and lock markers are kept.</summary>
    public static string ShadowPassword(string password) =>
        Sha512Crypt.IsHashOrLocked(password) ? password : Sha512Crypt.Hash(password);

    private static string User(Entity entity, ColonFile file, IRootFileSystem files)
    {
        // Deliberate difference: a missing uid picks a free one (yip's zero default would make the user uid 0).
        var uid = Int(entity, "uid", -1);
        if (uid < 0)
        {
            uid = file.Find(entity.Name) is { } existing && PasswdEntry.Parse(existing) is { } parsed
                ? parsed.Uid
                : IdAllocator.NextFree(file.Lines);
        }

        var gid = Int(entity, "gid", 0);
        if (entity["group"].Length > 0)
        {
            gid = AccountDatabase.Load(files).Group(entity["group"])?.Gid
                ?? throw new InvalidOperationException($"group '{entity["group"]}' is not in the target's /etc/group");
        }

        var info = entity["info"].Length > 0 ? entity["info"] : "Created by entities";
        return $"{entity.Name}:{entity["password"]}:{uid}:{gid}:{info}:{entity["homedir"]}:{entity["shell"]}";
    }

    private static string Group(Entity entity, ColonFile file)
    {
        var gid = Int(entity, "gid", -1);
        var existing = file.Find(entity.Name) is { } line ? GroupEntry.Parse(line) : null;
        var members = entity["users"].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (existing is not null)
        {
            // Upsert merges members and keeps the password and gid when the entity leaves them empty.
            var password = entity["password"].Length > 0 ? entity["password"] : existing.Password;
            var merged = existing.Members.Concat(members).Distinct(StringComparer.Ordinal);
            return new GroupEntry(entity.Name, password, gid >= 0 && entity.Has("gid") ? gid : existing.Gid, [.. merged]).ToString();
        }

        return new GroupEntry(entity.Name, entity["password"], gid >= 0 ? gid : IdAllocator.NextFree(file.Lines), members).ToString();
    }

    private static string Shadow(Entity entity)
    {
        var lastChanged = entity["last_changed"] == "now" ? DaysSinceEpoch().ToString() : entity["last_changed"];
        return string.Join(':', entity.Name, ShadowPassword(entity["password"]), lastChanged, entity["minimum_changed"],
            entity["maximum_changed"], entity["warn"], entity["inactive"], entity["expire"], entity["reserved"]);
    }

    private static int Int(Entity entity, string field, int fallback) =>
        !entity.Has(field) || entity[field].Length == 0 ? fallback
        : int.TryParse(entity[field], out var value) ? value
        : throw new FormatException($"{entity.Kind} field '{field}' must be an integer");
}
