namespace Kairos.Stages.Media;

/// <summary>
/// Squashes the image root straight into the ISO tree with mksquashfs: no copy of the root. The
/// skeleton directories the live system needs are pseudo definitions (added when missing, their
/// mode set when present) and the contents of proc, sys, dev, run, tmp are excluded.
/// </summary>
public static class SquashfsBuilder
{
    public static async Task BuildAsync(string root, IsoLayout layout, string output, CancellationToken cancellationToken)
    {
        var pseudo = new List<string>();
        foreach (var (path, mode) in layout.Skeleton)
        {
            var host = Path.Combine(root, path);
            var parent = Path.GetDirectoryName(path);
            if (Directory.Exists(host) && new FileInfo(host).LinkTarget is null)
            {
                pseudo.AddRange(["-p", $"{path} m {mode} 0 0"]);
            }
            else if (!Path.Exists(host) && (string.IsNullOrEmpty(parent) || Directory.Exists(Path.Combine(root, parent))))
            {
                pseudo.AddRange(["-p", $"{path} d {mode} 0 0"]);
            }
        }

        // mksquashfs takes every argument after -e as an exclusion: it must come last.
        await MediaTool.RunAsync(
            "mksquashfs",
            [root, output, "-noappend", "-no-progress", "-quiet", "-b", layout.SquashfsBlockSize, .. layout.SquashfsOptions, .. pseudo, "-wildcards", "-e", .. layout.Emptied.Select(d => d + "/*")],
            cancellationToken,
            "squashing the image root");
    }
}
