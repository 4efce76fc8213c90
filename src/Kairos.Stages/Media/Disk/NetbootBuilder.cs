using Kairos.Stages.FrontEnd.Sources;
using Scriban.Runtime;

namespace Kairos.Stages.Media.Disk;

/// <summary>What <c>netboot</c> was asked for.</summary>
public sealed record NetbootOptions
{
    /// <summary>A Kairos live ISO (build-iso's output).</summary>
    public required string Iso { get; init; }

    /// <summary>Where the machine fetches kairos.squashfs from (http:// or https://).</summary>
    public required string SquashfsUrl { get; init; }

    public string OutputDirectory { get; init; } = ".";

    /// <summary>Arguments after the reference's netboot command line (AuroraBoot: <c>nodepair.enable</c>, <c>config_url=…</c>).</summary>
    public string ExtraCmdline { get; init; } = "nodepair.enable";

    public string Console { get; init; } = "console=tty1 console=ttyS0";

    public IStageSource Stages { get; init; } = new EmbeddedStageSource();
}

/// <summary>
/// netboot: the three files AuroraBoot's netboot serves, taken out of a live ISO with xorriso
/// (<c>netboot/kairos-kernel</c>, <c>kairos-initrd</c>, <c>kairos.squashfs</c>), and an iPXE script
/// (<c>netboot/kairos.ipxe</c>) with its command line. Written to a hidden directory, then moved into place.
/// </summary>
public static class NetbootBuilder
{
    public const string Template = "disk/netboot.ipxe";
    public const string Script = "kairos.ipxe";
    private static readonly (string IsoPath, string Name)[] Files = [("/boot/kernel", "kairos-kernel"), ("/boot/initrd", "kairos-initrd"), ("/rootfs.squashfs", "kairos.squashfs")];

    /// <summary>The reference's netboot command line for <paramref name="url"/>.</summary>
    public static string Cmdline(string url, string console, string extra) =>
        string.Join(' ', new[] { "rd.live.overlay.overlayfs", "rd.neednet=1", "ip=dhcp", "rd.cos.disable", $"root=live:{url}", "netboot", console, extra }.Where(a => a.Length > 0));

    /// <summary>
    /// A squashfs URL for files served together: iPXE expands <c>${cwduri}</c> to the directory the script was
    /// fetched from, so the script, kernel, initrd and squashfs can be unpacked anywhere on one HTTP server.
    /// </summary>
    public const string BesideScript = "${cwduri}/kairos.squashfs";

    /// <summary>Refuses what the script cannot carry (before anything is built): a URL that is not http(s) or <see cref="BesideScript"/>, a multi-line argument.</summary>
    public static void CheckInputs(NetbootOptions options, string urlFlag = "--squashfs-url")
    {
        if (options.SquashfsUrl != BesideScript
            && (!Uri.TryCreate(options.SquashfsUrl, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https") || options.SquashfsUrl.Any(char.IsWhiteSpace)))
        {
            throw MediaException.Input($"{urlFlag} '{options.SquashfsUrl}': must be an http:// or https:// URL without spaces");
        }

        if (options.ExtraCmdline.Contains('\n', StringComparison.Ordinal) || options.Console.Contains('\n', StringComparison.Ordinal))
        {
            throw MediaException.Input("--cmdline and --console must be one line");
        }
    }

    public static async Task<IReadOnlyList<string>> BuildAsync(NetbootOptions options, CancellationToken cancellationToken = default)
    {
        CheckInputs(options);

        if (!File.Exists(options.Iso))
        {
            throw MediaException.Input($"ISO {options.Iso}: no such file");
        }

        var target = Path.Combine(Path.GetFullPath(options.OutputDirectory), "netboot");
        string work;
        try
        {
            Directory.CreateDirectory(options.OutputDirectory);
            work = WorkDirectories.Create(options.OutputDirectory, ".netboot-");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw MediaException.Input($"--output {options.OutputDirectory}: cannot write there ({e.Message})");
        }

        try
        {
            var listing = await MediaTool.RunAsync("xorriso", ["-indev", options.Iso, "-find", "/", "-type", "f"], cancellationToken, $"reading {options.Iso}");
            foreach (var (isoPath, _) in Files)
            {
                if (!listing.Contains($"'{isoPath}'", StringComparison.Ordinal))
                {
                    throw MediaException.Input($"ISO {options.Iso}: {isoPath} is missing: not a Kairos live ISO (make one with 'kairos-stages build-iso')");
                }
            }

            foreach (var (isoPath, name) in Files)
            {
                await MediaTool.RunAsync("xorriso", ["-osirrox", "on", "-indev", options.Iso, "-extract", isoPath, Path.Combine(work, name)], cancellationToken, $"extracting {isoPath}");
            }

            var variables = new ScriptObject
            {
                ["netboot"] = new ScriptObject
                {
                    ["kernel"] = Files[0].Name,
                    ["initrd"] = Files[1].Name,
                    ["cmdline"] = Cmdline(options.SquashfsUrl, options.Console.Trim(), options.ExtraCmdline.Trim()),
                },
            };
            var text = options.Stages.ReadText(Template) ?? throw MediaException.Input($"{options.Stages.DisplayPath(Template)}: missing (the iPXE script template)");
            var template = Scriban.Template.Parse(text, options.Stages.DisplayPath(Template));
            if (template.HasErrors)
            {
                throw MediaException.Input(string.Join('\n', template.Messages.Select(m => m.ToString())));
            }

            var context = new Scriban.TemplateContext { StrictVariables = true };
            context.PushGlobal(variables);
            await File.WriteAllTextAsync(Path.Combine(work, Script), template.Render(context), cancellationToken);
            if (Directory.Exists(target))
            {
                Directory.Delete(target, recursive: true);
            }

            Directory.Move(work, target);
            return [.. Files.Select(f => Path.Combine(target, f.Name)).Append(Path.Combine(target, Script))];
        }
        finally
        {
            if (Directory.Exists(work))
            {
                Directory.Delete(work, recursive: true);
            }
        }
    }
}
