namespace Kairos.Stages.Tests.EndToEnd;

/// <summary>
/// What a test-booted live ISO needs to report itself on the serial port: a stage extension adding a unit that prints
/// kairos-release, the live mounts and ssh's state, then powers off; and the console order that sends the boot's
/// messages to the serial port. Shared with the Factory's booted-ISO end-to-end test.
/// </summary>
internal static class LiveReport
{
    /// <summary>A test-only unit, added by an extension file: prints what the test asserts on the serial port, then powers off.</summary>
    public const string Extension = """
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
                    TTYPath=/dev/ttyS0
                    ExecStart=/bin/sh -c 'echo KS-LIVE-RELEASE-BEGIN; cat /etc/kairos-release; echo KS-LIVE-RELEASE-END; grep -E " (squashfs|overlay) " /proc/mounts | sed "s/^/KS-LIVE-MOUNT /"; systemctl is-failed ssh.service | sed "s/^/KS-LIVE-SSH /"; systemctl is-active multi-user.target | sed "s/^/KS-LIVE-MULTI-USER /"; systemctl --no-block poweroff'
                    [Install]
                    WantedBy=multi-user.target
              commands:
                - mkdir -p /etc/systemd/system/multi-user.target.wants
                - ln -sf /etc/systemd/system/ks-e2e-live-report.service /etc/systemd/system/multi-user.target.wants/ks-e2e-live-report.service
        """;

    /// <summary>The console order the test boots with: the last console= (the serial port) gets systemd's and immucore's messages.</summary>
    public const string LiveConsole = "console=tty1 console=ttyS0,115200";
}
