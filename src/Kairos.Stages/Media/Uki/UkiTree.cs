using Kairos.Stages.Target.Context;
using Scriban.Runtime;

namespace Kairos.Stages.Media.Uki;

/// <summary>
/// The systemd-boot tree around the UKIs: systemd-boot signed as the removable-media boot file,
/// loader.conf and one entry per UKI rendered from <c>stages/uki/</c>, and the .auth files
/// systemd-boot enrolls from <c>loader/keys/auto</c>.
/// </summary>
public static class UkiTree
{
    public static async Task WriteAsync(string tree, UkiLayout layout, UkiBootFiles boot, IReadOnlyList<UkiEntry> ukis, UkiBuildOptions options, BuildContext context, string version, CancellationToken cancellationToken)
    {
        var bootFile = Path.Combine(tree, layout.BootFile);
        Directory.CreateDirectory(Path.GetDirectoryName(bootFile)!);
        options.Log($"systemd-boot {boot.Version} signed (sbsign) as {layout.BootFile}");
        await UkiImage.SignAsync(boot.SystemdBoot, options.Keys, bootFile, cancellationToken);

        var loader = IsoTemplates.Render(options.Stages, UkiLayout.LoaderTemplate, context, Variables(new()
        {
            ["secure_boot_enroll"] = options.SecureBootEnroll,
            ["default_entry"] = Path.ChangeExtension(ukis[0].FileName, ".conf"),
        }));
        Write(Path.Combine(tree, layout.LoaderConf), loader);
        foreach (var (uki, index) in ukis.Select((u, i) => (u, i)))
        {
            var entry = IsoTemplates.Render(options.Stages, UkiLayout.EntryTemplate, context, Variables(new()
            {
                ["title"] = uki.Title,
                ["sort_key"] = $"{index:D2}-{Path.GetFileNameWithoutExtension(uki.FileName)}",
                ["efi_path"] = $"{layout.UkiDir}/{uki.FileName}",
                ["file_name"] = uki.FileName,
                ["cmdline"] = uki.Cmdline,
                ["version"] = options.IncludeVersionInConfig ? version : "",
                ["added_cmdline"] = options.IncludeCmdlineInConfig ? uki.Added(layout) : "",
            }));
            Write(Path.Combine(tree, layout.EntriesDir, Path.ChangeExtension(uki.FileName, ".conf")), entry);
        }

        if (options.Keys.AuthDirectory is { } auth)
        {
            var keys = Path.Combine(tree, layout.KeysDir);
            Directory.CreateDirectory(keys);
            foreach (var file in UkiKeys.AuthFiles)
            {
                File.Copy(Path.Combine(auth, file), Path.Combine(keys, file));
            }
        }
        else
        {
            options.Warn("no PK.auth, KEK.auth, db.auth (--keys or --public-keys): the tree has no keys for systemd-boot to enroll");
        }
    }

    private static ScriptObject Variables(Dictionary<string, object> values)
    {
        var uki = new ScriptObject();
        foreach (var (key, value) in values)
        {
            uki[key] = value;
        }

        return new ScriptObject { ["uki"] = uki };
    }

    private static void Write(string path, string text)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }
}
