using Kairos.Stages.Platform;

namespace Kairos.Stages.Checks;

/// <summary>An lstat inside a root: whether something is at the path itself and, for a symlink, where it points.</summary>
internal sealed record RootEntry(string Path, string? LinkTarget, bool Present)
{
    public bool IsSymlink => LinkTarget is not null;

    public static RootEntry Lstat(IRootFileSystem files, string path)
    {
        var host = RootPath.Resolve(files.Root, path, followFinal: false);
        var info = new FileInfo(host);
        var link = info.LinkTarget;
        return new RootEntry(path, link, link is not null || info.Exists || Directory.Exists(host));
    }

    /// <summary>The host path a path ends at after following every link inside the root, or null when that is nothing.</summary>
    public static string? Target(IRootFileSystem files, string path)
    {
        var host = files.Resolve(path);
        return File.Exists(host) || Directory.Exists(host) ? host : null;
    }

    /// <summary>Host path to root view for messages: <c>/tmp/x/usr/bin/k3s</c> becomes <c>/usr/bin/k3s</c>.</summary>
    public static string View(IRootFileSystem files, string hostPath) => RootPath.ToRootView(files.Root, hostPath);
}
