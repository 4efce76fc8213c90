using Kairos.Stages.Target.Context;

namespace Kairos.Stages.Image.Checks;

/// <summary>
/// [RELEASE]: <c>/etc/kairos-release</c> is readable and every key Kairos reads at boot and upgrade is
/// non-empty; a standard image has <c>KAIROS_VARIANT=standard</c> and the provider's software version and
/// prefix; values given as flags (model, provider, trusted boot) match the file.
/// </summary>
public sealed class ReleaseCheck : IImageCheck
{
    private const string Fix = "run the kairosRelease step (kairos-stages run --stage init --version X.Y.Z)";

    /// <summary>The keys every image must have, in kairos-init's order.</summary>
    public static IReadOnlyList<string> RequiredKeys { get; } =
    [
        "KAIROS_ID", "KAIROS_ID_LIKE", "KAIROS_NAME", "KAIROS_VERSION", "KAIROS_ARCH", "KAIROS_TARGETARCH",
        "KAIROS_FLAVOR", "KAIROS_FLAVOR_RELEASE", "KAIROS_FAMILY", "KAIROS_MODEL", "KAIROS_VARIANT",
        "KAIROS_BUG_REPORT_URL", "KAIROS_HOME_URL", "KAIROS_RELEASE",
    ];

    private static readonly string[] StandardKeys = ["KAIROS_SOFTWARE_VERSION", "KAIROS_SOFTWARE_VERSION_PREFIX"];

    public string Tag => "RELEASE";

    public string Title => "kairos-release";

    public Task<IReadOnlyList<CheckFinding>> RunAsync(CheckContext context, CancellationToken cancellationToken)
    {
        var findings = new List<CheckFinding>();
        if (context.Release is not { } release)
        {
            findings.Add(CheckFinding.Fail(Tag, context.ReleaseError ?? $"{CheckContextFactory.ReleasePath} cannot be read", Fix));
            return Task.FromResult<IReadOnlyList<CheckFinding>>(findings);
        }

        foreach (var key in RequiredKeys.Where(k => string.IsNullOrWhiteSpace(release.GetValueOrDefault(k))))
        {
            findings.Add(CheckFinding.Fail(Tag, $"{key} is missing or empty in {CheckContextFactory.ReleasePath}", Fix));
        }

        if (context.Variant == BuildEnums.Standard)
        {
            var variant = release.GetValueOrDefault("KAIROS_VARIANT", "");
            if (variant.Length > 0 && variant != BuildEnums.Standard)
            {
                findings.Add(CheckFinding.Fail(Tag, $"KAIROS_VARIANT is '{variant}' but a Kubernetes provider was given, so it must be '{BuildEnums.Standard}'", $"{Fix} with -k <provider>, or validate without -k"));
            }

            foreach (var key in StandardKeys.Where(k => string.IsNullOrWhiteSpace(release.GetValueOrDefault(k))))
            {
                findings.Add(CheckFinding.Fail(Tag, $"{key} is missing or empty in {CheckContextFactory.ReleasePath} (required for the standard variant)", $"{Fix} with -k k3s|k0s so the provider reports its version"));
            }
        }

        Mismatch(findings, "KAIROS_MODEL", context.Flags.Model, release, "-m");
        Mismatch(findings, "KAIROS_SOFTWARE_VERSION_PREFIX", context.Flags.Provider, release, "-k");
        Mismatch(findings, "KAIROS_TRUSTED_BOOT", context.Flags.TrustedBoot is { } t ? (t ? "true" : "false") : null, release, "-t");
        if (findings.Count == 0)
        {
            findings.Add(CheckFinding.Pass(Tag, $"{CheckContextFactory.ReleasePath} has all {RequiredKeys.Count} required keys (KAIROS_VERSION={release["KAIROS_VERSION"]})"));
        }

        return Task.FromResult<IReadOnlyList<CheckFinding>>(findings);
    }

    private void Mismatch(List<CheckFinding> findings, string key, string? flag, IReadOnlyDictionary<string, string> release, string option)
    {
        var actual = release.GetValueOrDefault(key, "");
        if (flag is not null && actual.Length > 0 && !string.Equals(actual, flag, StringComparison.OrdinalIgnoreCase))
        {
            findings.Add(CheckFinding.Fail(Tag, $"{key} is '{actual}' but {option} {flag} was given", $"{Fix} with {option} {flag}, or validate with {option} {actual}"));
        }
    }
}
