using Kairos.Stages.Tests.Content;

namespace Kairos.Stages.Tests.Examples;

/// <summary>Sample roots standing in for a FROM image: its os-release and a /bin/sh whose ELF header names the platform's arch.</summary>
public static class SampleRoots
{
    private static readonly (string Repository, string[] Tags, string Sample)[] Images =
    [
        ("ubuntu", ["24.04", "noble", "latest"], "ubuntu-24.04"),
        ("ubuntu", ["22.04", "jammy"], "ubuntu-22.04"),
        ("debian", ["12", "bookworm"], "debian-12"),
        ("debian", ["13", "trixie", "latest"], "debian-13"),
        ("fedora", ["41"], "fedora-41"),
        ("rockylinux", ["9"], "rocky-9"),
        ("almalinux", ["9"], "almalinux-9"),
        ("leap", ["15.6"], "opensuse-leap-15.6"),
        ("tumbleweed", [""], "opensuse-tumbleweed"),
        ("alpine", ["3.21"], "alpine-3.21"),
    ];

    /// <summary>e_machine of each arch the examples build for (ELF header offset 18, little endian).</summary>
    private static readonly Dictionary<string, byte> Machines = new() { ["amd64"] = 0x3E, ["arm64"] = 0xB7, ["riscv64"] = 0xF3 };

    /// <summary>The os-release sample for an image reference (registry and tag aware), or null when there is none.</summary>
    public static string? SampleFor(string image)
    {
        var reference = image.ToLowerInvariant();
        var slash = reference.LastIndexOf('/');
        var colon = reference.LastIndexOf(':');
        var (name, tag) = colon > slash ? (reference[..colon], reference[(colon + 1)..]) : (reference, "latest");
        var repository = name[(name.LastIndexOf('/') + 1)..];
        if (tag.Contains("alpine", StringComparison.Ordinal))
        {
            // e.g. the SDK image the top-level Dockerfile builds on (sdk:10.0-alpine)
            return "alpine-3.21";
        }

        return Images.FirstOrDefault(i => i.Repository == repository && i.Tags.Any(t => tag.StartsWith(t, StringComparison.Ordinal))).Sample;
    }

    /// <summary>True when the image's distro has FIPS packages kairos-stages can install (not Ubuntu: KS601, Ubuntu Pro only).</summary>
    public static bool AllowsFips(string image) => SampleFor(image) is { } sample && !sample.StartsWith("ubuntu", StringComparison.Ordinal);

    /// <summary>A fresh root for <paramref name="invocation"/>: os-release, /bin/sh of its arch, and the files its Dockerfile copied in.</summary>
    public static TempRoot Create(ExampleInvocation invocation)
    {
        var sample = SampleFor(invocation.Image) ?? throw new InvalidOperationException($"no sample root for image '{invocation.Image}': add its os-release to Samples/os-release and a line to {nameof(SampleRoots)}");
        var root = new TempRoot("ks-example-");
        root.Write("/etc/os-release", File.ReadAllText(ContentStages.SamplePath(sample)));
        var header = new byte[64];
        "\u007fELF"u8.CopyTo(header);
        header[4] = 2; // 64-bit
        header[5] = 1; // little endian
        header[6] = 1; // ELF version
        header[16] = 2; // executable
        header[18] = Machines.TryGetValue(invocation.Arch, out var machine) ? machine : throw new InvalidOperationException($"no sample /bin/sh for platform arch '{invocation.Arch}'");
        root.CreateDirectory("/bin");
        File.WriteAllBytes(root.HostPath("/bin/sh"), header);
        foreach (var (hostFile, imagePath) in invocation.Copies)
        {
            root.Write(imagePath, File.ReadAllText(hostFile));
        }

        return root;
    }
}
