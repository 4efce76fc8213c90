namespace Kairos.Stages.Tests.Content;

/// <summary>The fixed set of builds every bundled content file is rendered and linted for.</summary>
public static class ContentTargets
{
    public static IReadOnlyList<ContentTarget> All { get; } =
    [
        new("ubuntu-22.04", "ubuntu-22.04"),
        new("ubuntu-24.04", "ubuntu-24.04", KernelVersion: "6.8.0-51-generic"),
        new("ubuntu-24.04-kernel-at-run-time", "ubuntu-24.04"),
        new("debian-12", "debian-12"),
        new("debian-13", "debian-13"),
        new("fedora-41", "fedora-41"),
        new("rocky-9", "rocky-9"),
        new("opensuse-leap-15.6", "opensuse-leap-15.6"),
        new("alpine-3.21", "alpine-3.21"),
        new("ubuntu-24.04-arm64", "ubuntu-24.04", Arch: "arm64"),
        new("alpine-3.21-arm64", "alpine-3.21", Arch: "arm64"),
        new("ubuntu-24.04-rpi4", "ubuntu-24.04", Arch: "arm64", Model: "rpi4"),
        new("debian-12-rpi4", "debian-12", Arch: "arm64", Model: "rpi4"),
        new("ubuntu-24.04-trusted-boot", "ubuntu-24.04", TrustedBoot: true),
        new("ubuntu-24.04-k3s", "ubuntu-24.04", K8s: "k3s"),
        new("ubuntu-22.04-k3s", "ubuntu-22.04", K8s: "k3s", K8sVersion: "v1.32.1+k3s1"),
        new("debian-12-k0s", "debian-12", K8s: "k0s"),
        new("fedora-41-fips", "fedora-41", Fips: true),
    ];

    public static TheoryData<string> Names()
    {
        var data = new TheoryData<string>();
        foreach (var target in All)
        {
            data.Add(target.Name);
        }

        return data;
    }

    public static ContentTarget Get(string name) => All.Single(t => t.Name == name);
}
