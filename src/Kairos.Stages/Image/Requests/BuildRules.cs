using Kairos.Stages.Target.Context;

namespace Kairos.Stages.Image.Requests;

/// <summary>
/// The rules of a build request as data, for a client that checks a form before it sends one (the Factory's page
/// reads them from GET /api/v1/config and applies them generically). Each rule is the one the CLI and the server
/// apply: <see cref="KairosVersion"/>, <see cref="ProviderVersion"/>, <see cref="ImageReference"/>,
/// <see cref="CloudConfigCheck"/>, <see cref="OutputKinds"/>; the variants, and the one a Kubernetes provider goes
/// with (<see cref="BuildEnums.Standard"/>).
/// </summary>
public sealed record BuildRules(
    TextRule Version,
    IReadOnlyDictionary<string, TextRule> KubernetesVersions,
    TextRule Image,
    CloudConfigRule CloudConfig,
    IReadOnlyList<OutputRule> Outputs,
    IReadOnlyList<string> Variants,
    string KubernetesVariant,
    string DefaultModel)
{
    /// <summary>Longest version a request may carry: it becomes part of artifact file names (255 bytes at most).</summary>
    public const int MaxVersionLength = 64;

    public static BuildRules Current { get; } = new(
        new TextRule(KairosVersion.Pattern, MaxVersionLength, KairosVersion.Example),
        BuildEnums.Providers.ToDictionary(provider => provider, provider => new TextRule(ProviderVersion.Pattern(provider), ProviderVersion.MaxLength, ProviderVersion.Example(provider)), StringComparer.Ordinal),
        new TextRule(ImageReference.Pattern, ImageReference.MaxLength, "localhost/my-base:1.0"),
        new CloudConfigRule(CloudConfigCheck.Header, CloudConfigCheck.MaxBytes),
        [.. OutputKinds.Names.Select(name => new OutputRule(name, OutputKinds.TrustedBoot(name), OutputKinds.Models(name)))],
        BuildEnums.Variants,
        BuildEnums.Standard,
        KnownModels.Generic);
}

/// <summary>A text field's rule: a regular expression (.NET and JavaScript read it alike), its longest length, and an example that passes.</summary>
public sealed record TextRule(string Pattern, int MaxLength, string Example);

/// <summary>A cloud-config's rule: its first line, its largest size; then one YAML mapping.</summary>
public sealed record CloudConfigRule(string Header, int MaxBytes);

/// <summary>An output, how it relates to Trusted Boot (<c>only</c>, <c>never</c> or <c>both</c>), and the models whose image makes it.</summary>
public sealed record OutputRule(string Name, string TrustedBoot, IReadOnlyList<string> Models);
