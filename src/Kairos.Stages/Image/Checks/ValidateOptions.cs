namespace Kairos.Stages.Image.Checks;

/// <summary>What the user told <c>validate</c>; every null input is read from <c>/etc/kairos-release</c> instead.</summary>
/// <param name="Model">-m/--model, e.g. rpi4.</param>
/// <param name="Provider">-k/--kubernetes (or -p/--provider): k3s or k0s; implies the standard variant.</param>
/// <param name="TrustedBoot">-t/--trusted-boot.</param>
public sealed record ValidateOptions(string? Model = null, string? Provider = null, bool? TrustedBoot = null);
