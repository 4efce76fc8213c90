namespace Kairos.Stages.Tests.Packages;

/// <summary>Package lists restated from the reference (§4.3, §4.4) as test data.</summary>
internal static class ExpectedPackages
{
    public static readonly string[] Common =
        ["file", "gawk", "iptables", "less", "nano", "sudo", "tar", "zstd", "rsync", "lvm2", "jq", "dosfstools", "e2fsprogs", "logrotate"];

    public static readonly string[] DebianFamily =
    [
        "ca-certificates", "curl", "binutils", "conntrack", "console-setup", "coreutils", "cryptsetup", "debianutils",
        "ethtool", "fuse3", "fail2ban", "gnupg", "gnupg1-l10n", "haveged", "iproute2", "iptables", "iputils-ping",
        "krb5-locales", "libatm1", "libglib2.0-data", "libgpm2", "libldap-common", "libnss-systemd", "libpam-cap",
        "libsasl2-modules", "mdadm", "nbd-client", "ncurses-term", "neovim", "nfs-common", "nfs-client", "nftables",
        "open-iscsi", "openssh-server", "os-prober", "pigz", "pkg-config", "psmisc", "publicsuffix", "shared-mime-info",
        "systemd", "systemd-timesyncd", "systemd-sysv", "xauth", "xclip", "xdg-user-dirs", "xxd", "xz-utils", "zerofree",
    ];

    public static readonly string[] UbuntuCommon =
    [
        "conntrack", "console-data", "gettext", "systemd-container", "ubuntu-advantage-tools", "tpm2-tools", "dmsetup",
        "networkd-dispatcher", "publicsuffix", "xdg-user-dirs", "zfsutils-linux",
    ];

    public static readonly string[] DebianGrubAmd64 =
        ["kbd", "lldpd", "snmpd", "squashfs-tools", "shim-signed", "grub2", "grub-efi-amd64-bin", "grub-efi-amd64-signed", "grub-pc-bin", "grub2-common"];

    public static readonly string[] DebianImmucore = ["dracut", "dracut-network", "isc-dhcp-common", "isc-dhcp-client", "dracut-live"];

    public static readonly string[] Debian12Amd64 =
        [.. Common, .. DebianFamily, "systemd-resolved", "polkitd", "multipath-tools", "multipath-tools-boot", .. DebianGrubAmd64, .. DebianImmucore];

    public static readonly string[] Ubuntu2404Amd64 =
        [.. Common, .. DebianFamily, .. UbuntuCommon, "packagekit-tools", "multipath-tools", "systemd-resolved", .. DebianGrubAmd64, .. DebianImmucore];

    public static readonly string[] RedHatFamily =
    [
        "audit", "chrony", "cracklib-dicts", "device-mapper", "device-mapper-multipath", "iproute", "nfs-utils",
        "NetworkManager", "nmstate", "openssh-server", "openssh-clients", "polkit", "qemu-guest-agent", "systemd", "which",
        "cryptsetup", "tpm2-tss", "xz", "systemd-resolved",
    ];

    public static readonly string[] Fedora41Amd64 =
    [
        .. Common, .. RedHatFamily, "fail2ban", "haveged", "grub2", "grub2-efi-x64", "grub2-efi-x64-modules", "grub2-pc", "shim-x64",
        "dracut", "dracut-live", "dracut-network", "dracut-squash", "squashfs-tools",
    ];

    public static readonly string[] SuseFamily =
    [
        "curl", "bash-completion", "conntrack-tools", "cryptsetup", "coreutils", "device-mapper", "fail2ban", "findutils",
        "haveged", "htop", "iproute2", "iputils", "lsscsi", "mdadm", "multipath-tools", "nfs-client", "open-iscsi", "openssh",
        "pigz", "polkit", "procps", "qemu-guest-agent", "strace", "systemd", "timezone", "tmux", "vim", "which",
        "systemd-networkd", "systemd-resolved", "open-vm-tools", "tpm2.0-tools", "tpm2-0-tss",
    ];

    public static readonly string[] Leap156Amd64 =
    [
        .. Common, .. SuseFamily, "issue-generator", "nethogs", "iw", "shim", "grub2-i386-pc", "grub2-x86_64-efi",
        "kernel-firmware-all", "dracut", "squashfs", "dhcp-client",
    ];
}
