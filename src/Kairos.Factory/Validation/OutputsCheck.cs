using Kairos.Factory.Api;
using Kairos.Stages.Image.Requests;
using Kairos.Stages.Target.Context;

namespace Kairos.Factory.Validation;

/// <summary>
/// The outputs a request asks for, checked against what its image can make (<see cref="OutputKinds"/>); a Trusted
/// Boot image's UKIs are signed with the keys the operator gave <c>serve --uki-keys</c>; a Raspberry Pi model's image
/// makes only the Pi disk and the archives. Errors name the artifacts field.
/// </summary>
public static class OutputsCheck
{
    public static BuildOutputs? Check(BuildArtifactsRequest? artifacts, string model, bool trustedBoot, string? ukiKeysDir, Action<string, string> fail)
    {
        if (artifacts is null)
        {
            fail("artifacts", $"is required: pick at least one of {OutputKinds.Offered}");
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
            fail("artifacts", $"pick at least one of {OutputKinds.Offered}");
            return outputs;
        }

        var wantedNames = outputs.Names.ToHashSet(StringComparer.Ordinal);
        foreach (var name in wantedNames.Where(name => !OutputKinds.MakesFor(model, name)))
        {
            // build-disk would refuse the BIOS and cloud disks only after the image was built; nothing else boots a Pi
            fail($"artifacts.{name}", $"a {model} image boots from the Pi's firmware and U-Boot, not a PC's UEFI or BIOS: ask for {string.Join(", ", OutputKinds.ForBoards)} (raw_efi is the Pi disk), or build model {KnownModels.Generic}");
        }

        if (trustedBoot)
        {
            if (ukiKeysDir is null)
            {
                fail("trusted_boot", "this server has no Secure Boot keys to sign UKIs with: its operator starts it with 'kairos-factory serve --uki-keys DIR' (a key set made by 'kairos-stages genkey'); keys are never taken from requests");
            }

            foreach (var name in OutputKinds.NotForTrustedBoot.Where(wantedNames.Contains))
            {
                fail($"artifacts.{name}", "a Trusted Boot image boots only from signed UKIs (UEFI, Secure Boot): ask for iso, uki or uki-container, or build without trusted_boot");
            }
        }
        else
        {
            foreach (var name in OutputKinds.TrustedBootOnly.Where(wantedNames.Contains))
            {
                fail($"artifacts.{name}", "UKIs are made from a Trusted Boot image: set trusted_boot to true");
            }
        }

        return outputs;
    }
}
