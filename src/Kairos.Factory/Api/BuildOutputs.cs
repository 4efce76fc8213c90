using System.Text.Json.Serialization;

namespace Kairos.Factory.Api;

/// <summary>The outputs a build makes: the image's own (ISO, OCI, rootfs), its disks and cloud images, netboot files, and a Trusted Boot image's UKI media.</summary>
public sealed record BuildOutputs(bool Iso, bool Oci, bool Rootfs)
{
    public bool RawEfi { get; init; }

    public bool RawBios { get; init; }

    public bool Vhd { get; init; }

    public bool Gce { get; init; }

    public bool Maas { get; init; }

    public bool Netboot { get; init; }

    public bool Uki { get; init; }

    [JsonPropertyName("uki-container")]
    public bool UkiContainer { get; init; }

    /// <summary>Any output made from the built image by the media code (ISO, disks, netboot, UKIs): the builder must hand over a SOURCE.</summary>
    [JsonIgnore]
    public bool NeedsImage => Iso || RawEfi || RawBios || Vhd || Gce || Maas || Netboot || Uki || UkiContainer;

    /// <summary>The request's names of the outputs asked for, in the API's order.</summary>
    [JsonIgnore]
    public IEnumerable<string> Names =>
        new (string Name, bool Wanted)[]
        {
            ("iso", Iso), ("oci", Oci), ("rootfs", Rootfs), ("raw_efi", RawEfi), ("raw_bios", RawBios), ("vhd", Vhd), ("gce", Gce), ("maas", Maas),
            ("netboot", Netboot), ("uki", Uki), ("uki-container", UkiContainer),
        }.Where(output => output.Wanted).Select(output => output.Name);
}
