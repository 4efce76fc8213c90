using Kairos.Stages.Target.Context;
using Kairos.Stages.Target.Platform;

namespace Kairos.Stages.Image.Checks;

/// <summary>
/// Resolves validate's inputs: each flag wins; without it the value comes from <c>/etc/kairos-release</c>
/// (<c>KAIROS_MODEL</c>, <c>KAIROS_VARIANT</c>, <c>KAIROS_SOFTWARE_VERSION_PREFIX</c>, <c>KAIROS_TRUSTED_BOOT</c>),
/// so the standard-variant and k3s/k0s checks that kairos-init cannot reach really run.
/// </summary>
public static class CheckContextFactory
{
    public const string ReleasePath = "/etc/kairos-release";

    /// <param name="target">The root to check.</param>
    /// <param name="options">The flags.</param>
    /// <param name="family">The detected distro family; null detects it from the root's os-release, then <c>KAIROS_FAMILY</c>.</param>
    public static CheckContext Create(ITarget target, ValidateOptions options, string? family = null)
    {
        var (release, releaseError) = ReadRelease(target.Files);
        var inputs = new List<ResolvedInput>();

        var model = Pick(inputs, "model", options.Model, release, "KAIROS_MODEL", "generic");
        var provider = Pick(inputs, "provider", options.Provider?.ToLowerInvariant(), release, "KAIROS_SOFTWARE_VERSION_PREFIX", "");
        var variant = options.Provider is not null
            ? Add(inputs, "variant", BuildEnums.Standard, "flag")
            : Pick(inputs, "variant", null, release, "KAIROS_VARIANT", provider.Length > 0 ? BuildEnums.Standard : BuildEnums.Core);
        var trusted = Pick(inputs, "trusted-boot", options.TrustedBoot is { } t ? (t ? "true" : "false") : null, release, "KAIROS_TRUSTED_BOOT", "false");

        string detectedFamily;
        if (family is not null)
        {
            detectedFamily = Add(inputs, "family", family, "detector");
        }
        else if (FamilyFromOsRelease(target.Files) is { } fromOsRelease)
        {
            detectedFamily = Add(inputs, "family", fromOsRelease, "os-release");
        }
        else
        {
            detectedFamily = Pick(inputs, "family", null, release, "KAIROS_FAMILY", "unknown");
        }

        return new CheckContext
        {
            Target = target,
            Family = detectedFamily,
            Model = model,
            Variant = variant.ToLowerInvariant(),
            Provider = provider.Length > 0 ? provider : null,
            TrustedBoot = trusted.ToLowerInvariant() is "true" or "1",
            Flags = options,
            Release = release,
            ReleaseError = releaseError,
            Inputs = inputs,
        };
    }

    /// <summary>The build context's detection (<see cref="DistroDetector"/>), so validate judges a root by the family the build used; null when os-release is missing or names no known distro.</summary>
    private static string? FamilyFromOsRelease(IRootFileSystem files) =>
        OsReleaseReader.Read(files) is { } osRelease && DistroDetector.Detect(osRelease).Family is var family && family != KnownDistros.Unknown
            ? family
            : null;

    private static string Pick(List<ResolvedInput> inputs, string name, string? flag, IReadOnlyDictionary<string, string>? release, string key, string fallback)
    {
        if (flag is not null)
        {
            return Add(inputs, name, flag, "flag");
        }

        return release?.GetValueOrDefault(key) is { Length: > 0 } value
            ? Add(inputs, name, value, "kairos-release")
            : Add(inputs, name, fallback, "default");
    }

    private static string Add(List<ResolvedInput> inputs, string name, string value, string source)
    {
        inputs.Add(new ResolvedInput(name, value, source));
        return value;
    }

    private static (IReadOnlyDictionary<string, string>? Release, string? Error) ReadRelease(IRootFileSystem files)
    {
        try
        {
            return files.FileExists(ReleasePath)
                ? (KeyValueFile.Parse(files.ReadAllText(ReleasePath)), null)
                : (null, $"{ReleasePath} does not exist");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return (null, $"cannot read {ReleasePath}: {e.Message}");
        }
    }
}
