namespace Kairos.Stages.Target.Context;

/// <summary>Validates <see cref="BuildOptions"/> and reads the target root's facts into an immutable <see cref="BuildContext"/>.</summary>
public static class BuildContextFactory
{
    public static BuildContextResult Create(BuildOptions options)
    {
        var errors = new List<string>();
        var warnings = new List<string>();

        var version = NormalizeVersion(options, errors);
        var model = CheckModel(options.Model, errors);
        var k8s = CheckProvider(options, errors);
        Add(errors, BuildEnums.Check("--log-level", options.LogLevel, BuildEnums.LogLevels));
        if (options.Arch is { Length: > 0 } archOverride)
        {
            Add(errors, BuildEnums.Check("--arch", archOverride, BuildEnums.Arches));
        }

        var mirror = Mirror(options.ArtifactsMirror, errors);
        if (!Directory.Exists(options.Root))
        {
            errors.Add(File.Exists(options.Root) ? $"--root: '{options.Root}' is a file, not a directory" : $"--root: directory '{options.Root}' does not exist");
            return new(null, errors, warnings);
        }

        var distro = ReadDistro(options, errors, warnings);
        if (distro is { Id: KnownDistros.Unknown, OsRelease.Id.Length: > 0 })
        {
            warnings.Add($"os-release ID '{distro.OsRelease.Id}' (ID_LIKE '{string.Join(' ', distro.IdLike)}') is not a known distro: distro and family are unknown, no packages will be selected from the maps");
        }

        var arch = options.Arch is { Length: > 0 } a ? a : ElfArch.ForRoot(options.Root);
        if (!BuildEnums.KairosArches.Contains(arch))
        {
            warnings.Add($"architecture '{arch}' has no Kairos images (amd64, arm64, riscv64)");
        }

        if (model is not null && KnownModels.RequiredArch(model) is { } required && required != arch)
        {
            errors.Add($"--model {model} requires a {required} target but the root is {arch}: build with --platform=linux/{required} (emulation) or pass --arch {required}");
        }

        // the architectures stages/data/fips.yaml refuses, in its words (the install stage's fips_refusal reads the same file)
        if (options.Fips && options.FipsRefusedArchitectures.TryGetValue(arch, out var fipsRefusal))
        {
            errors.Add("--fips: " + fipsRefusal);
        }

        if (errors.Count > 0 || distro is null || version is null || model is null)
        {
            return new(null, errors, warnings);
        }

        var context = new BuildContext
        {
            Root = Path.GetFullPath(options.Root),
            Distro = distro,
            Arch = arch,
            Model = model,
            TrustedBoot = options.TrustedBoot,
            Fips = options.Fips,
            K8s = k8s,
            Version = version,
            ToolVersion = options.ToolVersion,
            LogLevel = options.LogLevel,
            ArtifactsMirror = mirror,
        };
        return new(context, errors, warnings);
    }

    private static string Mirror(string? value, List<string> errors)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }

        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || uri.Query.Length > 0 || uri.Fragment.Length > 0)
        {
            errors.Add($"--artifacts-mirror: '{value}' is not an http(s) base URL (e.g. http://10.0.0.1:8080/kairos-artifacts)");
            return "";
        }

        return value.TrimEnd('/');
    }

    private static string? NormalizeVersion(BuildOptions options, List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(options.Version) && options.AllowMissingVersion)
        {
            return "v0.0.0";
        }

        if (KairosVersion.TryNormalize(options.Version, out var normalized, out var error))
        {
            return normalized;
        }

        errors.Add(error);
        return null;
    }

    private static string? CheckModel(string model, List<string> errors)
    {
        if (BuildEnums.Check("--model", model, KnownModels.All) is { } unknown)
        {
            errors.Add(unknown);
            return null;
        }

        if (!KnownModels.Supported.Contains(model))
        {
            errors.Add($"--model {model} is not supported by kairos-stages yet (supported: {string.Join(',', KnownModels.Supported)}); use kairos-init for NVIDIA boards");
            return null;
        }

        return model;
    }

    private static K8sProvider? CheckProvider(BuildOptions options, List<string> errors)
    {
        foreach (var name in options.ProviderConfigs)
        {
            errors.Add($"--provider-{name}-config: kairos-stages installs {name} itself and has no provider plugin to pass a build config to; "
                + $"configure {name} with the node's cloud-config at boot, or add files to the image with a stage extension (/etc/kairos-init/stage-extensions)");
        }

        var provider = string.IsNullOrEmpty(options.K8sProvider) ? null : options.K8sProvider;
        if (provider is not null && BuildEnums.Check("--kubernetes", provider, BuildEnums.Providers) is { } error)
        {
            errors.Add(error);
            return null;
        }

        var (version, versionErrors) = ProviderVersion.Resolve(provider, options.K8sVersion, options.ProviderVersions);
        errors.AddRange(versionErrors);
        if (provider is null)
        {
            if (!string.IsNullOrEmpty(options.K8sVersion))
            {
                errors.Add("--k8s-version needs a provider: add --kubernetes k3s or --kubernetes k0s");
            }

            return null;
        }

        return new K8sProvider(provider, version);
    }

    private static Distro? ReadDistro(BuildOptions options, List<string> errors, List<string> warnings)
    {
        if (options.OsReleasePath is { Length: > 0 } path)
        {
            if (!File.Exists(path))
            {
                errors.Add($"--os-release: file '{path}' does not exist");
                return null;
            }

            return DistroDetector.Detect(OsReleaseParser.Parse(File.ReadAllText(path)));
        }

        if (OsReleaseReader.Read(options.Root) is { } found)
        {
            return DistroDetector.Detect(found.Release);
        }

        if (options.RequireOsRelease)
        {
            errors.Add($"--root: no /etc/os-release or /usr/lib/os-release in '{options.Root}': cannot tell which distro to build (is it a root filesystem? --os-release FILE names one)");
            return null;
        }

        warnings.Add($"no /etc/os-release or /usr/lib/os-release in '{options.Root}': distro and family are unknown");
        return DistroDetector.Detect(new OsRelease());
    }

    private static void Add(List<string> errors, string? error)
    {
        if (error is not null)
        {
            errors.Add(error);
        }
    }
}
