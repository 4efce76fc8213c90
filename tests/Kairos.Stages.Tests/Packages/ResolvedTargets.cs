using Kairos.Stages.FrontEnd.PackageMaps;

namespace Kairos.Stages.Tests.Packages;

/// <summary>The targets of reference §4.4 with their documented resolved lists.</summary>
internal static class ResolvedTargets
{
    private static readonly string[] RedHatKernel = ["kernel", "kernel-modules", "kernel-modules-extra"];
    private static readonly string[] DebianAmd64Kernel = ["linux-image-amd64", "firmware-linux-free"];

    public static TheoryData<ResolvedTarget> All() =>
    [
        new ResolvedTarget("ubuntu 22.04 amd64", new PackageTarget("ubuntu", "debian", "22.04", "amd64"), ["linux-image-generic-hwe-22.04"], 87,
            ["packagekit-tools", "multipath-tools", "grub2", "grub-pc-bin", "grub-efi-amd64-bin", "grub-efi-amd64-signed", "grub2-common", "shim-signed", "kbd", "lldpd", "snmpd", "squashfs-tools", "dracut", "dracut-network", "dracut-live", "isc-dhcp-client", "isc-dhcp-common"],
            ["systemd-resolved"]),
        new ResolvedTarget("ubuntu 24.04 amd64", new PackageTarget("ubuntu", "debian", "24.04", "amd64"), ["linux-image-generic-hwe-24.04"], 88, ["systemd-resolved"], ["packagekit"]),
        new ResolvedTarget("ubuntu 24.04 amd64 TB", new PackageTarget("ubuntu", "debian", "24.04", "amd64", TrustedBoot: true), ["linux-image-generic-hwe-24.04", "linux-firmware"], 77,
            ["systemd-boot", "kmod", "linux-base", "iucode-tool"], ["grub2", "dracut", "kbd", "lldpd", "snmpd", "squashfs-tools"]),
        new ResolvedTarget("ubuntu 24.04 arm64", new PackageTarget("ubuntu", "debian", "24.04", "arm64"), ["linux-image-generic-hwe-24.04"], 86,
            ["grub-efi-arm64", "grub-efi-arm64-bin", "grub-efi-arm64-signed", "shim-signed"], ["grub-pc-bin", "grub-efi-amd64-bin"]),
        new ResolvedTarget("ubuntu 20.04 amd64", new PackageTarget("ubuntu", "debian", "20.04", "amd64"), ["linux-image-generic-hwe-20.04"], 85, [], ["multipath-tools", "dracut-live", "systemd-resolved"]),
        new ResolvedTarget("ubuntu 26.04 amd64", new PackageTarget("ubuntu", "debian", "26.04", "amd64"), ["linux-image-generic"], 89, ["packagekit", "systemd-cryptsetup"], ["packagekit-tools"]),
        new ResolvedTarget("debian 12 amd64", new PackageTarget("debian", "debian", "12", "amd64"), DebianAmd64Kernel, 81, ["systemd-resolved", "polkitd", "multipath-tools", "multipath-tools-boot", "dracut-live"], ["systemd-cryptsetup"]),
        new ResolvedTarget("debian 13 amd64", new PackageTarget("debian", "debian", "13", "amd64"), DebianAmd64Kernel, 82, ["systemd-cryptsetup"], []),
        new ResolvedTarget("fedora 41 amd64", new PackageTarget("fedora", "redhat", "41", "amd64"), RedHatKernel, 45, ["systemd-resolved", "fail2ban", "haveged"], ["dhcp-client"]),
        new ResolvedTarget("fedora 42 amd64 TB", new PackageTarget("fedora", "redhat", "42", "amd64", TrustedBoot: true), RedHatKernel, 35, [], ["grub2", "dracut"]),
        new ResolvedTarget("rocky 9.5 amd64", new PackageTarget("rocky", "redhat", "9.5", "amd64"), RedHatKernel, 44, ["dhcp-client"], ["fail2ban", "haveged"]),
        new ResolvedTarget("ol 9.5 arm64", new PackageTarget("ol", "redhat", "9.5", "arm64"), ["kernel-uek", "kernel-uek-modules", "kernel-uek-modules-extra"], 43,
            ["grub2-efi-aa64", "grub2-efi-aa64-modules", "shim-aa64"], ["grub2-efi-x64"]),
        new ResolvedTarget("alpine 3.21 amd64", new PackageTarget("alpine", "alpine", "3.21", "amd64"), ["linux-lts"], 84, ["grub", "grub-efi", "grub-bios", "openrc", "busybox-openrc", "eudev", "connman"], []),
        new ResolvedTarget("opensuse-leap 15.6 amd64", new PackageTarget("opensuse-leap", "suse", "15.6", "amd64"), ["kernel-default"], 57,
            ["systemd-networkd", "systemd-resolved", "issue-generator", "dracut", "squashfs", "dhcp-client"], []),
        new ResolvedTarget("opensuse-tumbleweed 20250101 amd64", new PackageTarget("opensuse-tumbleweed", "suse", "20250101", "amd64"), ["kernel-default"], 56, ["systemd-networkd"], ["issue-generator"]),
        new ResolvedTarget("ubuntu 22.04 arm64 rpi4", new PackageTarget("ubuntu", "debian", "22.04", "arm64", "rpi4"), ["linux-raspi", "linux-firmware-raspi", "linux-modules-extra-raspi"], 85, [], []),
        new ResolvedTarget("debian 12 arm64 rpi4", new PackageTarget("debian", "debian", "12", "arm64", "rpi4"), ["linux-image-arm64", "firmware-linux-free", "raspi-firmware", "u-boot-rpi"], 79, [], []),
    ];
}
