using Kairos.Factory.Api;

namespace Kairos.Factory.Validation;

/// <summary>
/// The outputs a request asks for, checked against what its image can make: a Trusted Boot image boots from
/// signed UKIs (iso, uki, uki-container), signed with the keys the operator gave <c>serve --uki-keys</c>; any
/// other image makes the live ISO, disks, cloud images and netboot files. Errors name the artifacts field.
/// </summary>
public static class OutputsCheck
{
    public const string Offered = "iso, oci, rootfs, raw_efi, raw_bios, vhd, gce, maas, netboot, uki, uki-container";

    /// <summary>The output names GET /config offers, in the page's order.</summary>
    public static IReadOnlyList<string> Names { get; } = ["iso", "netboot", "uki", "uki-container", "raw_efi", "raw_bios", "vhd", "gce", "maas", "oci", "rootfs"];

    private static readonly string[] GrubOnly = ["raw_efi", "raw_bios", "vhd", "gce", "maas", "netboot"];

    private static readonly string[] UkiOnly = ["uki", "uki-container"];

    public static BuildOutputs? Check(BuildArtifactsRequest? artifacts, bool trustedBoot, string? ukiKeysDir, Action<string, string> fail)
    {
        if (artifacts is null)
        {
            fail("artifacts", $"is required: pick at least one of {Offered}");
            return null;
        }

        foreach (var (name, wanted, instead) in new[] { ("raw_image", artifacts.RawImage, "raw_efi or raw_bios"), ("aws", artifacts.Aws, "raw_efi"), ("gcp", artifacts.Gcp, "gce"), ("azure", artifacts.Azure, "vhd") })
        {
            if (wanted == true)
            {
                fail($"artifacts.{name}", $"is the classic name of an output this Factory builds as {instead}: ask for that");
            }
        }

        var outputs = new BuildOutputs(artifacts.Iso ?? false, (artifacts.Oci ?? false) || (artifacts.ContainerFile ?? false), artifacts.Rootfs ?? false)
        {
            RawEfi = artifacts.RawEfi ?? false,
            RawBios = artifacts.RawBios ?? false,
            Vhd = artifacts.Vhd ?? false,
            Gce = artifacts.Gce ?? false,
            Maas = artifacts.Maas ?? false,
            Netboot = artifacts.Netboot ?? false,
            Uki = artifacts.Uki ?? false,
            UkiContainer = artifacts.UkiContainer ?? false,
        };
        if (!outputs.Names.Any())
        {
            fail("artifacts", $"pick at least one of {Offered}");
            return outputs;
        }

        var wantedNames = outputs.Names.ToHashSet(StringComparer.Ordinal);
        if (trustedBoot)
        {
            if (ukiKeysDir is null)
            {
                fail("trusted_boot", "this server has no Secure Boot keys to sign UKIs with: its operator starts it with 'kairos-factory serve --uki-keys DIR' (a key set made by 'kairos-stages genkey'); keys are never taken from requests");
            }

            foreach (var name in GrubOnly.Where(wantedNames.Contains))
            {
                fail($"artifacts.{name}", "a Trusted Boot image boots only from signed UKIs (UEFI, Secure Boot): ask for iso, uki or uki-container, or build without trusted_boot");
            }
        }
        else
        {
            foreach (var name in UkiOnly.Where(wantedNames.Contains))
            {
                fail($"artifacts.{name}", "UKIs are made from a Trusted Boot image: set trusted_boot to true");
            }
        }

        return outputs;
    }
}
