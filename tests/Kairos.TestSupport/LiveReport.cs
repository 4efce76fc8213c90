using System.Text.RegularExpressions;

namespace Kairos.TestSupport;

/// <summary>
/// What a test-booted live ISO needs to report itself on the serial port: a stage extension adding a unit that prints
/// kairos-release, the live mounts and ssh's state, then powers off; and the console order that sends the boot's
/// messages to the serial port. Shared with the Factory's booted-ISO end-to-end test.
/// </summary>
public static class LiveReport
{
    /// <summary>A test-only unit, added by an extension file: prints what the test asserts on the serial port (ttyS0), then powers off.</summary>
    public static string Extension { get; } = ExtensionFor("ttyS0");

    /// <summary>The report unit writing to <paramref name="tty"/> (ttyS0 on a PC, ttyAMA0 on arm64 <c>virt</c>).</summary>
    public static string ExtensionFor(string tty) => """
        name: e2e-live-report
        stages:
          after-install:
            - name: Test-only unit that reports the live system and powers it off
              files:
                - path: /etc/systemd/system/ks-e2e-live-report.service
                  permissions: 0644
                  owner: 0
                  group: 0
                  content: |
                    [Unit]
                    Description=kairos-stages e2e: report the live system, then power off
                    After=multi-user.target
                    [Service]
                    Type=oneshot
                    StandardOutput=tty
                    TTYPath=/dev/{{TTY}}
                    # kernel messages leave the console first: the kernel writes them to the UART past the tty's
                    # write lock, so one landing inside a report line would break it (systemd's lines come whole)
                    ExecStart=/bin/sh -c 'echo 1 > /proc/sys/kernel/printk; echo KS-LIVE-RELEASE-BEGIN; cat /etc/kairos-release; echo KS-LIVE-RELEASE-END; grep -E " (squashfs|overlay) " /proc/mounts | sed "s/^/KS-LIVE-MOUNT /"; systemctl is-failed ssh.service | sed "s/^/KS-LIVE-SSH /"; systemctl is-active multi-user.target | sed "s/^/KS-LIVE-MULTI-USER /"; ls /run/cos 2>/dev/null | sed "s/^/KS-LIVE-COS /"; systemctl --no-block poweroff'
                    [Install]
                    WantedBy=multi-user.target
              commands:
                - mkdir -p /etc/systemd/system/multi-user.target.wants
                - ln -sf /etc/systemd/system/ks-e2e-live-report.service /etc/systemd/system/multi-user.target.wants/ks-e2e-live-report.service
        """.Replace("{{TTY}}", tty, StringComparison.Ordinal);

    /// <summary>What every line the report unit prints starts with.</summary>
    public const string ReportMarker = "KS-LIVE-";

    /// <summary>The console order the test boots with: the last console= (the serial port) gets systemd's and immucore's messages.</summary>
    public const string LiveConsole = "console=tty1 console=ttyS0,115200";

    /// <summary>The same on arm64 <c>virt</c>, whose serial port is the PL011 (ttyAMA0).</summary>
    public const string Arm64LiveConsole = "console=tty1 console=ttyAMA0,115200";

    /// <summary>
    /// Asserts, in boot order, what a booted live ISO must show on its serial port (escape sequences already removed):
    /// GRUB's menu, the live kernel command line, the initrd's immucore stand-in, dmsquash-live's squashfs under the
    /// overlay root, multi-user, ssh, no multipathd or sysroot.mount failure; returns the <c>KAIROS_</c> lines of the reported kairos-release.
    /// </summary>
    public static IReadOnlyList<string> AssertBooted(string serial, Func<string> lastLines)
    {
        // a failure shows the report's own lines too, wherever they are in the log: the last lines are the shutdown's
        string Context() => lastLines() + "\n--- report lines (" + ReportMarker + ") ---\n" +
            string.Join('\n', serial.Split('\n').Where(line => line.Contains(ReportMarker, StringComparison.Ordinal)));
        Assert.True(serial.Contains("Kairos debian v1.0.0 (manual install)", StringComparison.Ordinal), "GRUB menu entries" + Context());
        // x86 prints "Command line: …" early in setup; arm64 prints only "Kernel command line: …"
        var cmdline = Regex.Match(serial, @"(?:Kernel c|C)ommand line: (.*)");
        Assert.True(cmdline.Success, "kernel command line" + Context());
        foreach (var argument in new[] { "root=live:CDLABEL=COS_LIVE", "rd.live.dir=/", "rd.live.squashimg=rootfs.squashfs", "rd.live.overlay.overlayfs", "cdroot", "install-mode" })
        {
            Assert.Contains(argument, cmdline.Groups[1].Value.Split(' '));
        }

        Assert.True(Regex.IsMatch(serial, Regex.Escape(FixtureArtifacts.ImmucoreMarker) + @" .*root=live:CDLABEL=COS_LIVE"), "immucore stand-in in the initrd" + Context());
        Assert.True(Regex.IsMatch(serial, @"KS-LIVE-MOUNT /dev/loop\d+ /run/rootfsbase squashfs ro"), "squashfs mounted by dmsquash-live" + Context());
        Assert.True(Regex.IsMatch(serial, @"KS-LIVE-MOUNT LiveOS_rootfs / overlay "), "overlay root" + Context());
        // systemd's own "Reached target multi-user.target" status line is not always printed on the serial
        // console (seen missing in a boot that reached it), so the report unit, ordered after the target, asks systemd
        Assert.True(serial.Contains("KS-LIVE-MULTI-USER active", StringComparison.Ordinal), "multi-user.target active" + Context());
        var release = Regex.Match(serial, @"KS-LIVE-RELEASE-BEGIN\r?\n(.*?)KS-LIVE-RELEASE-END", RegexOptions.Singleline);
        Assert.True(release.Success, "kairos-release from the live system" + Context());
        Assert.Contains("KS-LIVE-SSH active", serial);
        // multipathd in the initrd without its checker plugins failed in the first boots of the live boot test
        Assert.False(Regex.IsMatch(serial, @"Failed to start multipathd|Checker '\w+' not found|failed to initialize checkers"), "multipathd fails" + Context());
        // dracut 059's generated sysroot.mount failed once on every live boot (its overlay dirs came later); 28immucore's pre-mount hook makes them
        Assert.False(Regex.IsMatch(serial, @"Failed to mount sysroot\.mount|failed to resolve '/run/overlayfs'"), "sysroot.mount fails" + Context());
        return ReleaseLines(release.Groups[1].Value);
    }

    /// <summary>The <c>KAIROS_</c> lines of a kairos-release text: the console also carries systemd's status lines, which may land between the file's lines.</summary>
    public static IReadOnlyList<string> ReleaseLines(string text) =>
        [.. text.Split('\n').Select(line => line.TrimEnd('\r')).Where(line => line.StartsWith("KAIROS_", StringComparison.Ordinal))];
}
