using Kairos.Stages.FrontEnd.Model;
using Kairos.Stages.Target.Platform;

namespace Kairos.Stages.Engine.Accounts;

/// <summary>Applies entities to the target root's account files: ensure (upsert) and delete (no match: no change).</summary>
public static class EntityEditor
{
    private const UnixFileMode Public = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
    private const UnixFileMode Secret = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    public static void Ensure(IRootFileSystem files, Entity entity, string? path)
    {
        var file = Load(files, entity, path);
        file.Upsert(EntityLines.ToLine(entity, file, files));
        file.Save(files);
    }

    /// <summary>Removes the entity's line; returns false (and changes nothing) when no line matches.</summary>
    public static bool Delete(IRootFileSystem files, Entity entity, string? path)
    {
        var file = Load(files, entity, path);
        int removed;
        if (entity.Kind == "group")
        {
            removed = file.RemoveAll(l => l.Split(':')[0] == entity.Name);
        }
        else
        {
            var line = EntityLines.ToLine(entity, file, files);
            removed = file.RemoveAll(l => l == line);
        }

        if (removed > 0)
        {
            file.Save(files);
        }

        return removed > 0;
    }

    private static ColonFile Load(IRootFileSystem files, Entity entity, string? path)
    {
        var target = string.IsNullOrEmpty(path) ? entity.DefaultPath : path;
        return ColonFile.Load(files, target, entity.Kind is "shadow" or "gshadow" ? Secret : Public);
    }
}
