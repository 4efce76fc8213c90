using Kairos.Stages.Image.Requests;

namespace Kairos.Factory.Api;

/// <summary>The defaults a client (the web page) needs to offer a build form. <c>trusted_boot_keys</c>: the server signs Trusted Boot builds (serve --uki-keys); without, trusted_boot is refused.</summary>
public sealed record ConfigView(
    IReadOnlyList<Preset> Presets,
    string DefaultImage,
    IReadOnlyList<string> Architectures,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Models,
    IReadOnlyList<string> Variants,
    IReadOnlyDictionary<string, string> KubernetesVersions,
    IReadOnlyList<string> Builders,
    string DefaultBuilder,
    IReadOnlyList<string> Artifacts,
    int RetentionHours,
    int Workers,
    int MaxCloudConfigBytes,
    FipsSupport Fips,
    bool TrustedBootKeys,
    [property: System.ComponentModel.Description("The rules the server checks a request by, as data a form applies before it sends one: regular expressions (JavaScript reads them as .NET does) for the version, each provider's Kubernetes version and the image reference; the cloud-config's header and size; which outputs a Trusted Boot image makes, and which models' images make each output (a Raspberry Pi's: raw_efi, the Pi disk, oci and rootfs).")]
    BuildRules Rules,
    [property: System.ComponentModel.Description("Every status a build can have, in its life's order (interrupted: the server restarted while it ran).")]
    IReadOnlyList<string> Statuses,
    [property: System.ComponentModel.Description("The statuses a build ends in; the others (queued, running) can be cancelled.")]
    IReadOnlyList<string> FinishedStatuses,
    [property: System.ComponentModel.Description("Other spellings a server may answer with (serve --status-names classic, or web) => the status of 'statuses' each means.")]
    IReadOnlyDictionary<string, string> StatusAliases,
    [property: System.ComponentModel.Description("How the page names the outputs and variants, and the groups it offers the outputs in (data/factory.yaml).")]
    FormLabels Labels,
    [property: System.ComponentModel.Description("The classic Factory's default kairos-init release: always null here (builds run this server's kairos-stages; a kairos_init_version sent back is ignored with a warning).")]
    string? DefaultKairosInitVersion = null);
