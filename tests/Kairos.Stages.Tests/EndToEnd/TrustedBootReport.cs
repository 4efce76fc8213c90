using System.Text.RegularExpressions;

namespace Kairos.Stages.Tests.EndToEnd;

/// <summary>
/// What the Trusted Boot test image carries for the boot test, added by a stage extension file: a TEST FIXTURE
/// standing in for immucore's UKI mode (the real immucore cannot be downloaded here; kairos-io/immucore's
/// pkg/state/steps_uki.go is what it follows, for what the test asserts: the base mounts, no boot without Secure
/// Boot, PCR 11 extended with enter-initrd and leave-initrd, the stub's /.extra files copied to /run/systemd, then
/// /sbin/init; it measures with systemd-pcrphase, as immucore extends the same strings, so the image gets the TPM
/// libraries that tool loads), and a unit that prints what the test asserts on the serial port, then powers off.
/// The real immucore also moves the root to a tmpfs first; the fixture leaves that out (a second copy of the
/// root in RAM under TCG, and nothing the test asserts depends on it).
/// </summary>
internal static class TrustedBootReport
{
    public const string Extension = """
        name: e2e-trusted-boot
        stages:
          after-install:
            - name: The TPM libraries systemd-pcrphase loads (the test's immucore fixture measures with it)
              commands:
                - DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends libtss2-esys-3.0.2-0 libtss2-mu0 libtss2-rc0 libtss2-tcti-device0
                - apt-get clean
          after-init:
            - name: Test fixture files (immucore UKI-mode stand-in, report unit)
              files:
                - path: /usr/bin/immucore
                  permissions: 0755
                  owner: 0
                  group: 0
                  content: |
                    #!/bin/sh
                    # TEST FIXTURE (kairos-stages tests), not immucore: does what immucore's UKI mode
                    # (rd.immucore.uki) does that the Trusted Boot boot test asserts: base mounts, refuse to
                    # boot without Secure Boot, PCR 11 extended with enter-initrd, the stub's /.extra files
                    # in /run/systemd, PCR 11 extended with leave-initrd, then /sbin/init.
                    export PATH=/usr/sbin:/usr/bin:/sbin:/bin
                    mkdir -p /proc /sys /dev /run /tmp
                    mount -t proc -o nosuid,nodev,noexec proc /proc
                    mount -t sysfs -o nosuid,nodev,noexec sysfs /sys
                    mount -t securityfs securityfs /sys/kernel/security
                    mount -t efivarfs -o nosuid,nodev,noexec efivarfs /sys/firmware/efi/efivars
                    mount -t devtmpfs -o nosuid,mode=755 devtmpfs /dev
                    mkdir -p /dev/pts /dev/shm
                    mount -t devpts -o nosuid,noexec,ptmxmode=000,gid=5,mode=620 devpts /dev/pts
                    mount -t tmpfs tmpfs /dev/shm
                    mount -t tmpfs -o nosuid,nodev tmpfs /tmp
                    mount -t tmpfs -o nosuid,nodev,mode=755 tmpfs /run
                    echo "KS-UKI-IMMUCORE-FIXTURE cmdline: $(cat /proc/cmdline)"
                    sb=$(od -An -tu1 -j4 -N1 /sys/firmware/efi/efivars/SecureBoot-8be4df61-93ca-11d2-aa0d-00e098032b8c 2>/dev/null | tr -d ' ')
                    if [ "$sb" != 1 ] && ! grep -qw rd.immucore.securebootdisabled /proc/cmdline; then
                      echo "KS-UKI-IMMUCORE-FIXTURE Secure boot is not enabled"; sleep 5; echo b > /proc/sysrq-trigger
                    fi
                    /usr/lib/systemd/systemd-pcrphase enter-initrd || echo "KS-UKI-IMMUCORE-FIXTURE enter-initrd not measured"
                    mkdir -p /run/systemd && cp /.extra/* /run/systemd/ 2>/dev/null
                    /usr/lib/systemd/systemd-pcrphase leave-initrd || echo "KS-UKI-IMMUCORE-FIXTURE leave-initrd not measured"
                    exec /sbin/init
                - path: /etc/systemd/system/ks-e2e-uki-report.service
                  permissions: 0644
                  owner: 0
                  group: 0
                  content: |
                    [Unit]
                    Description=kairos-stages e2e: report the Trusted Boot system, then power off
                    After=systemd-pcrphase.service systemd-pcrphase-sysinit.service
                    [Service]
                    Type=oneshot
                    StandardOutput=tty
                    TTYPath=/dev/ttyS0
                    ExecStart=/bin/sh -c 'echo "KS-UKI-SECUREBOOT $(od -An -tu1 -j4 -N1 /sys/firmware/efi/efivars/SecureBoot-8be4df61-93ca-11d2-aa0d-00e098032b8c | tr -d " ")"; echo "KS-UKI-CMDLINE $(cat /proc/cmdline)"; echo "KS-UKI-PCR11 $(cat /sys/class/tpm/tpm0/pcr-sha256/11)"; for u in systemd-pcrphase-sysinit systemd-pcrphase; do echo "KS-UKI-PHASE $u $(systemctl is-active $u.service)"; done; echo KS-UKI-RELEASE-BEGIN; cat /etc/kairos-release; echo KS-UKI-RELEASE-END; systemctl --no-block poweroff'
                    [Install]
                    WantedBy=multi-user.target
              commands:
                - mkdir -p /etc/systemd/system/multi-user.target.wants
                - ln -sf /etc/systemd/system/ks-e2e-uki-report.service /etc/systemd/system/multi-user.target.wants/ks-e2e-uki-report.service
        """;

    /// <summary>Appended to the UKI's default command line: the serial port becomes /dev/console (the last console= wins), so the fixture's and systemd's messages reach the log.</summary>
    public const string SerialConsole = "console=ttyS0,115200";

    public static string? Line(string serial, string marker) =>
        Regex.Match(serial, "^" + Regex.Escape(marker) + " (.*)$", RegexOptions.Multiline) is { Success: true } m ? m.Groups[1].Value.TrimEnd('\r') : null;

    /// <summary>The KAIROS_ lines between the report's release markers.</summary>
    public static IReadOnlyList<string> Release(string serial) =>
        Regex.Match(serial, @"KS-UKI-RELEASE-BEGIN\r?\n(.*?)KS-UKI-RELEASE-END", RegexOptions.Singleline) is { Success: true } m ? LiveReport.ReleaseLines(m.Groups[1].Value) : [];
}
