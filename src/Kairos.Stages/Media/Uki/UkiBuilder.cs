using System.Text;
using Kairos.Stages.Engine.Pipeline;
using Kairos.Stages.Image.Release;
using Kairos.Stages.Target.Context;

namespace Kairos.Stages.Media.Uki;

/// <summary>
/// build-uki: signed UKIs of a Trusted Boot image on Debian's systemd-boot 252, in AuroraBoot's
/// systemd-boot tree, written out as the tree, a UEFI-only ISO or a single-layer OCI archive. Keys,
/// flags and the source (a Kairos image built with <c>-t true</c>) are checked before any work; the
/// work happens in a hidden directory inside the output directory and only finished artifacts are
/// moved into place, so a failure leaves nothing behind.
/// </summary>
public static class UkiBuilder
{
    public static async Task<UkiResult> BuildAsync(UkiBuildOptions options, CancellationToken cancellationToken = default)
    {
        var layout = UkiLayout.Load(options.Stages);
        var ukis = UkiCommandLines.For(layout, options);
        CheckInputs(options, layout);
        var work = WorkDirectory(options);
        try
        {
            using var source = await ImageSourceResolver.ResolveAsync(options.Source, work, options.Log, cancellationToken);
            var image = TrustedBootImage.Find(source.Path, layout, options.Source);
            var name = options.Name is { Length: > 0 } given ? given : image.Release.IsoBaseName("amd64", null) + ArtifactNames.Uki;
            var boot = await UkiBootFiles.ResolveAsync(layout, source.Path, options.SdBootInSource, cancellationToken);
            var context = Context(source.Path, image.Release);
            var sections = Path.Combine(work, "sections");
            Directory.CreateDirectory(sections);

            options.Log($"kernel {image.KernelVersion}; initrd: the whole root (cpio, zstd {string.Join(' ', layout.Zstd)})");
            var initrd = Path.Combine(sections, "initrd");
            await InitrdWriter.WriteAsync(source.Path, options.OverlayRootfs, layout, Path.Combine(work, "initrd-layout"), initrd, cancellationToken);
            options.Log($"initrd {new FileInfo(initrd).Length / (1024 * 1024)} MiB");

            using var pcrKey = options.Keys.LoadPcrKey();
            var shared = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                [".osrel"] = Write(sections, "osrel", File.ReadAllText(image.OsRelease)),
                [".uname"] = Write(sections, "uname", image.KernelVersion),
                [".sbat"] = Write(sections, "sbat", UkiImage.StubSbat(boot.Stub).TrimEnd('\n') + "\n" + layout.Sbat.Replace("{version}", image.Release.Get("KAIROS_VERSION"), StringComparison.Ordinal) + "\n"),
                [".pcrpkey"] = Write(sections, "pcrpkey", PcrPolicy.PublicKeyPem(pcrKey)),
            };

            var tree = Path.Combine(work, "tree");
            var predictions = new Dictionary<string, IReadOnlyList<(string Phase, string Pcr11)>>(StringComparer.Ordinal);
            foreach (var uki in ukis)
            {
                var cmdline = Write(sections, uki.FileName + ".cmdline", uki.Cmdline);
                var measured = new Dictionary<string, string>(StringComparer.Ordinal)
                {
                    [".linux"] = image.Kernel,
                    [".osrel"] = shared[".osrel"],
                    [".cmdline"] = cmdline,
                    [".initrd"] = initrd,
                    [".pcrpkey"] = shared[".pcrpkey"],
                };
                if (options.Splash is { } splash)
                {
                    measured[".splash"] = splash;
                }

                var prediction = await PcrPolicy.PredictAsync(measured, layout.Phases, pcrKey, cancellationToken);
                predictions[uki.FileName] = prediction.Values;
                foreach (var (phase, value) in prediction.Values)
                {
                    options.Log($"{uki.FileName}: PCR 11 after {phase}: {value}");
                }

                var pcrsig = Write(sections, uki.FileName + ".pcrsig", prediction.Json);
                List<(string, string)> order = [(".osrel", shared[".osrel"]), (".cmdline", cmdline)];
                if (options.Splash is { } bmp)
                {
                    order.Add((".splash", bmp));
                }

                order.AddRange([(".uname", shared[".uname"]), (".sbat", shared[".sbat"]), (".pcrpkey", shared[".pcrpkey"]), (".pcrsig", pcrsig), (".initrd", initrd), (".linux", image.Kernel)]);
                var efi = Path.Combine(tree, layout.UkiDir, uki.FileName);
                Directory.CreateDirectory(Path.GetDirectoryName(efi)!);
                options.Log($"{uki.FileName}: systemd-stub {boot.Version} + sections (objcopy), signed (sbsign)");
                await UkiImage.BuildAsync(boot.Stub, order, options.Keys, efi, cancellationToken);
                var megabytes = new FileInfo(efi).Length / (1024 * 1024);
                if (megabytes > options.EfiSizeWarnMb)
                {
                    options.Warn($"{uki.FileName} is {megabytes} MB, more than --efi-size-warn {options.EfiSizeWarnMb} MB: some firmware cannot load EFI files this big");
                }
            }

            File.Delete(initrd);
            await UkiTree.WriteAsync(tree, layout, boot, ukis, options, context, image.Release.Get("KAIROS_VERSION"), cancellationToken);
            return options.OutputType switch
            {
                "iso" => await UkiMedia.IsoAsync(tree, work, layout, options, name, predictions, cancellationToken),
                "container" => await UkiMedia.ContainerAsync(tree, work, options, name, predictions, cancellationToken),
                _ => UkiMedia.Tree(tree, options.OutputDirectory, predictions),
            };
        }
        catch (IOException e) when (e is not FileNotFoundException)
        {
            throw new MediaException($"build-uki: {e.Message}", ExitCodes.Failed, e);
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private static void CheckInputs(UkiBuildOptions options, UkiLayout layout)
    {
        if (!UkiBuildOptions.OutputTypes.Contains(options.OutputType))
        {
            throw MediaException.Input($"--output-type must be uki, iso or container, not '{options.OutputType}'");
        }

        if (!UkiBuildOptions.EnrollModes.Contains(options.SecureBootEnroll))
        {
            throw MediaException.Input($"--secure-boot-enroll must be off, manual or force, not '{options.SecureBootEnroll}'"
                + (options.SecureBootEnroll == "if-safe" ? " (if-safe needs systemd-boot 253 or later; this one is Debian's 252)" : ""));
        }

        if (options.CmdLinesV2)
        {
            throw MediaException.Input($"--cmd-lines-v2 makes one multi-profile UKI (.profile sections), which needs systemd-stub and systemd-boot {UkiBootFiles.MultiProfileVersion} or later; "
                + "build-uki makes UKIs on Debian 12's systemd-boot-efi 252, whose stub would take the last profile's .cmdline for every entry and whose menu has no 'profile' key: "
                + "use --extra-cmdline without --cmd-lines-v2 (one signed UKI per command line)");
        }

        if (options.CloudConfig is { } config)
        {
            if (options.OutputType != "iso")
            {
                throw MediaException.Input("--cloud-config puts config.yaml on the ISO: use it with --output-type iso (a uki tree or container has no place the installer reads it from)");
            }

            try
            {
                using var _ = File.OpenRead(config);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw MediaException.Input($"--cloud-config {config}: cannot read it ({e.Message})");
            }
        }

        foreach (var (flag, file) in new[] { ("systemd-boot-efi stub", layout.Stub), ("systemd-boot", layout.SystemdBoot), ("systemd-measure", PcrPolicy.Measure) })
        {
            if (!File.Exists(file))
            {
                throw MediaException.Input($"{file} is missing ({flag}): install systemd-boot-efi and systemd (build/install-deps.sh lists the packages)");
            }
        }

        foreach (var (flag, directory) in new[] { ("--overlay-rootfs", options.OverlayRootfs), ("--overlay-iso", options.OverlayIso) })
        {
            if (directory is not null && !Directory.Exists(directory))
            {
                throw MediaException.Input($"{flag}: directory '{directory}' does not exist");
            }
        }

        if (options.OverlayIso is not null && options.OutputType != "iso")
        {
            throw MediaException.Input("--overlay-iso adds files to the ISO: use it with --output-type iso");
        }

        if (options.Splash is { } splash && !File.Exists(splash))
        {
            throw MediaException.Input($"--splash {splash}: no such file (a BMP image)");
        }

        if (options.Name is { } name && (name.Contains('/', StringComparison.Ordinal) || name is "." or ".."))
        {
            throw MediaException.Input($"--name '{name}' must be a file name, not a path");
        }

        if (options.OutputType == "uki")
        {
            foreach (var top in new[] { "EFI", "loader" })
            {
                var existing = Path.Combine(options.OutputDirectory, top);
                if (Directory.Exists(existing) || File.Exists(existing))
                {
                    throw MediaException.Input($"{existing} exists: --output-type uki writes EFI/ and loader/ into --output; give an empty directory");
                }
            }
        }
    }

    private static string WorkDirectory(UkiBuildOptions options)
    {
        try
        {
            Directory.CreateDirectory(options.OutputDirectory);
            return WorkDirectories.Create(options.OutputDirectory, ".build-uki-");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw MediaException.Input($"--output {options.OutputDirectory}: cannot write there ({e.Message})");
        }
    }

    /// <summary>The stage variables of the image (distro, version) for the loader templates.</summary>
    private static BuildContext Context(string root, KairosReleaseFile release)
    {
        var model = release.Get("KAIROS_MODEL") is { Length: > 0 } m ? m : "generic";
        var result = BuildContextFactory.Create(new BuildOptions { Root = root, Version = release.Get("KAIROS_VERSION"), AllowMissingVersion = true, Arch = "amd64", Model = model, TrustedBoot = true });
        return result.Context ?? throw MediaException.Input($"{root}: {string.Join("; ", result.Errors)}");
    }

    private static string Write(string directory, string name, string text)
    {
        var path = Path.Combine(directory, name);
        File.WriteAllText(path, text, new UTF8Encoding(false));
        return path;
    }
}
