using System.Security.Cryptography;
using Kairos.Stages.Engine.Pipeline;
using Kairos.Stages.Image.Release;
using Kairos.Stages.Target.Context;

namespace Kairos.Stages.Media;

/// <summary>
/// build-iso: a Kairos live ISO from an image root, laid out as AuroraBoot lays it out. Works in
/// a hidden directory inside the output directory and moves the finished ISO and checksum into
/// place at the end, so a failure at any step leaves no ISO, partial or old-named, behind.
/// </summary>
public static class IsoBuilder
{
    private static readonly string[] Arches = ["amd64", "arm64"];

    public static async Task<IsoResult> BuildAsync(IsoBuildOptions options, CancellationToken cancellationToken = default)
    {
        var layout = IsoLayout.Load(options.Stages);
        CheckInputs(options);
        var work = WorkDirectory(options.OutputDirectory);
        try
        {
            using var source = await ImageSourceResolver.ResolveAsync(options.Source, work, options.Log, cancellationToken);
            var files = ImageFiles.Find(source.Path, layout);
            var arch = Arch(options, files.Release);
            var name = options.OverrideName is { Length: > 0 } given ? given : files.Release.IsoBaseName(arch, options.IncludeDate ? options.Today : null);
            var context = Context(source.Path, files.Release, arch);
            var variables = IsoTemplates.Variables(layout, options.LiveConsole, options.ExtendCmdline);
            var liveMenu = IsoTemplates.Render(options.Stages, IsoLayout.LiveMenuTemplate, context, variables);
            var chain = IsoTemplates.Render(options.Stages, IsoLayout.ChainTemplate, context, variables);

            var rootfs = source.Path;
            if (options.OverlayRootfs is { } overlay)
            {
                // Only here is the root copied: mksquashfs cannot merge two trees.
                options.Log($"copying the root to add the overlay {overlay}");
                rootfs = Path.Combine(work, "rootfs");
                Directory.CreateDirectory(rootfs);
                await MediaTool.RunAsync("cp", ["-a", "--reflink=auto", source.Path + "/.", rootfs], cancellationToken, "copying the root");
                await MediaTool.RunAsync("cp", ["-a", overlay + "/.", rootfs], cancellationToken, "adding --overlay-rootfs");
            }

            var iso = Path.Combine(work, "iso");
            Directory.CreateDirectory(Path.Combine(iso, "boot"));
            if (options.OverlayIso is { } overlayIso)
            {
                await MediaTool.RunAsync("cp", ["-a", overlayIso + "/.", iso], cancellationToken, "adding --overlay-iso");
            }

            if (options.CloudConfig is { } cloudConfig)
            {
                File.Copy(cloudConfig, Path.Combine(iso, "config.yaml"), overwrite: true);
            }

            options.Log($"kernel {Relative(source.Path, files.Kernel)}, initrd {Relative(source.Path, files.Initrd)}");
            File.Copy(files.Kernel, Path.Combine(iso, layout.KernelPath), overwrite: true);
            File.Copy(files.Initrd, Path.Combine(iso, layout.InitrdPath), overwrite: true);
            var chainPaths = layout.ChainPaths.Concat(files.Release.Get("KAIROS_FLAVOR") == "ubuntu" ? layout.ChainPathsUbuntu : []).ToList();
            foreach (var chainPath in chainPaths)
            {
                WriteText(Path.Combine(iso, chainPath), chain, overwrite: false);
            }

            // A live menu brought by --overlay-iso wins, as in AuroraBoot.
            WriteText(Path.Combine(iso, layout.LiveMenuPath), liveMenu, overwrite: false);
            await EfiImageBuilder.BuildAsync(rootfs, layout, layout.Efi[arch], chain, chainPaths, Path.Combine(work, "efi"), Path.Combine(iso, "boot/uefi.img"), options.Log, cancellationToken);
            await BiosBootBuilder.BuildAsync(layout, iso, work, cancellationToken);
            options.Log("squashing the root");
            var squashfs = Path.Combine(iso, layout.SquashfsPath);
            await SquashfsBuilder.BuildAsync(rootfs, layout, squashfs, cancellationToken);
            var squashfsBytes = new FileInfo(squashfs).Length;
            options.Log("writing the ISO with xorriso");
            var built = Path.Combine(work, name + ArtifactNames.Iso);
            await XorrisoImage.WriteAsync(layout, iso, built, cancellationToken);
            return await PublishAsync(built, options.OutputDirectory, name, squashfsBytes, cancellationToken);
        }
        catch (IOException e) when (e is not FileNotFoundException)
        {
            throw new MediaException($"build-iso: {e.Message}", ExitCodes.Failed, e);
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private static void CheckInputs(IsoBuildOptions options)
    {
        if (options.Arch is { } arch && !Arches.Contains(arch))
        {
            throw MediaException.Input($"--arch must be amd64 or arm64, not '{arch}'");
        }

        if (options.CloudConfig is { } config)
        {
            try
            {
                using var _ = File.OpenRead(config);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw MediaException.Input($"--cloud-config {config}: cannot read it ({e.Message})");
            }
        }

        foreach (var (flag, directory) in new[] { ("--overlay-rootfs", options.OverlayRootfs), ("--overlay-iso", options.OverlayIso) })
        {
            if (directory is not null && !Directory.Exists(directory))
            {
                throw MediaException.Input($"{flag}: directory '{directory}' does not exist");
            }
        }

        if (options.OverrideName is { } name && (name.Contains('/', StringComparison.Ordinal) || name is "." or ".."))
        {
            throw MediaException.Input($"--override-name '{name}' must be a file name, not a path");
        }
    }

    /// <summary>A hidden work directory inside the output directory: same file system as the ISO, so the last step is a rename.</summary>
    private static string WorkDirectory(string output)
    {
        try
        {
            Directory.CreateDirectory(output);
            return WorkDirectories.Create(output, ".build-iso-");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw MediaException.Input($"--output {output}: cannot write there ({e.Message})");
        }
    }

    /// <summary>The ISO's arch: --arch when given (it must match the image), else KAIROS_ARCH, KAIROS_TARGETARCH, amd64.</summary>
    private static string Arch(IsoBuildOptions options, KairosReleaseFile release)
    {
        var image = release.Get("KAIROS_ARCH") is { Length: > 0 } a ? a : release.Get("KAIROS_TARGETARCH");
        if (options.Arch is { } asked)
        {
            return image.Length == 0 || image == asked ? asked : throw MediaException.Input($"--arch {asked}: the image is {image} (KAIROS_ARCH in /etc/kairos-release)");
        }

        return image.Length > 0 ? (Arches.Contains(image) ? image : throw MediaException.Input($"/etc/kairos-release: KAIROS_ARCH '{image}' has no live ISO here (amd64 or arm64)")) : "amd64";
    }

    /// <summary>The stage variables of the image (distro, arch, model, version) for the GRUB templates.</summary>
    private static BuildContext Context(string root, KairosReleaseFile release, string arch)
    {
        var model = release.Get("KAIROS_MODEL") is { Length: > 0 } m ? m : "generic";
        var result = BuildContextFactory.Create(new BuildOptions { Root = root, Version = release.Get("KAIROS_VERSION"), AllowMissingVersion = true, Arch = arch, Model = model });
        return result.Context ?? throw MediaException.Input($"{root}: {string.Join("; ", result.Errors)}");
    }

    private static async Task<IsoResult> PublishAsync(string built, string outputDirectory, string name, long squashfsBytes, CancellationToken cancellationToken)
    {
        string sha;
        await using (var stream = File.OpenRead(built))
        {
            sha = Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken));
        }

        // AuroraBoot's checksum line: hash, ONE space, file name (sha256sum -c accepts it).
        var checksum = built + ".sha256";
        await File.WriteAllTextAsync(checksum, $"{sha} {name}{ArtifactNames.Iso}\n", cancellationToken);
        var iso = Path.Combine(Path.GetFullPath(outputDirectory), name + ArtifactNames.Iso);
        File.Move(built, iso, overwrite: true);
        File.Move(checksum, iso + ".sha256", overwrite: true);
        return new IsoResult(iso, iso + ".sha256", sha, squashfsBytes);
    }

    private static void WriteText(string path, string text, bool overwrite)
    {
        if (!overwrite && File.Exists(path))
        {
            return;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    private static string Relative(string root, string path) => "/" + Path.GetRelativePath(root, path);
}
