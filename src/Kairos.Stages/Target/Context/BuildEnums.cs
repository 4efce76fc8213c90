namespace Kairos.Stages.Target.Context;

/// <summary>Allowed values of the enum-like build flags, and kairos-init's message for a value outside them.</summary>
public static class BuildEnums
{
    public static IReadOnlyList<string> Providers { get; } = ["k3s", "k0s"];

    /// <summary>The variant without Kubernetes.</summary>
    public const string Core = "core";

    /// <summary>The variant with a provider's Kubernetes: the one variant a provider and its version go with.</summary>
    public const string Standard = "standard";

    /// <summary>core: no Kubernetes; standard: with a provider's Kubernetes.</summary>
    public static IReadOnlyList<string> Variants { get; } = [Core, Standard];

    public static IReadOnlyList<string> LogLevels { get; } = ["info", "warn", "error", "debug", "trace"];

    /// <summary>Go arch names we can detect; Kairos images exist for the first three.</summary>
    public static IReadOnlyList<string> Arches { get; } = ["amd64", "arm64", "riscv64", "arm", "386", "ppc64le", "s390x"];

    public static IReadOnlyList<string> KairosArches { get; } = ["amd64", "arm64", "riscv64"];

    /// <summary>Null when <paramref name="value"/> is allowed (exact, case-sensitive), else the error text.</summary>
    public static string? Check(string flag, string value, IReadOnlyList<string> allowed) =>
        allowed.Contains(value, StringComparer.Ordinal)
            ? null
            : $"{flag}: '{value}' is not included in {string.Join(',', allowed)}";
}
