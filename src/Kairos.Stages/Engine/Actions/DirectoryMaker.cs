using Kairos.Stages.Target.Platform;

namespace Kairos.Stages.Engine.Actions;

/// <summary>Creates missing directories inside the root, each with the same mode and owner (yip's MkdirAll rule).</summary>
internal static class DirectoryMaker
{
    /// <summary>Creates <paramref name="directory"/> and any missing ancestors; existing ones are left untouched.</summary>
    public static void EnsureDirectory(IRootFileSystem files, string directory, UnixFileMode mode, int uid, int gid)
    {
        var missing = new Stack<string>();
        for (var current = Normalise(directory); current != "/"; current = Parent(current))
        {
            if (files.DirectoryExists(current))
            {
                break;
            }

            if (files.Exists(current))
            {
                throw new IOException($"{current} exists and is not a directory");
            }

            missing.Push(current);
        }

        while (missing.TryPop(out var path))
        {
            files.CreateDirectory(path, mode, uid, gid);
            // mkdir honours the umask (yip's does too); set the mode exactly so builds do not depend on it.
            files.SetMode(path, mode);
        }
    }

    public static string Parent(string path)
    {
        var normal = Normalise(path);
        var slash = normal.LastIndexOf('/');
        return slash <= 0 ? "/" : normal[..slash];
    }

    public static string Normalise(string path)
    {
        var trimmed = "/" + string.Join('/', path.Split('/', StringSplitOptions.RemoveEmptyEntries));
        return trimmed;
    }
}
