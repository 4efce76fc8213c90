using System.Text.Json;

namespace Kairos.Stages.Tests.EndToEnd;

/// <summary>Assertions on a finished Kairos-ready Debian 12 root.</summary>
internal static class DebianImage
{
    /// <summary>The after-install extension both end-to-end builds add.</summary>
    public const string Extension = """
        name: e2e
        stages:
          after-install:
            - name: Mark the image from an extension
              files:
                - path: /etc/e2e-extension
                  content: "added by an extension\n"
                  permissions: 0644
                  owner: 0
                  group: 0
              commands:
                - dpkg -s openssh-server > /etc/e2e-ssh-was-installed
        """;

    /// <summary>What both end-to-end builds must leave: packages, fixture binaries, the extension's work, kernel link, initrd with immucore, release, services, cleanup, run record.</summary>
    public static void AssertKairosReady(DebianRoot root, string arch = "amd64")
    {
        string In(string path) => Path.Combine(root.Path, path.TrimStart('/'));

        // packages really installed
        foreach (var package in new[] { "systemd", "openssh-server", "dracut", "rsync", "sudo", $"linux-image-{arch}" })
        {
            Assert.Contains("Status: install ok installed", root.Chroot("dpkg", "-s", package));
        }

        // Kairos binaries (fixtures) where kairos-init puts them, executable
        foreach (var binary in new[] { "/usr/bin/kairos-agent", "/usr/bin/immucore", "/system/discovery/kcrypt-discovery-challenger" })
        {
            Assert.True(File.Exists(In(binary)), binary);
            Assert.True(File.GetUnixFileMode(In(binary)).HasFlag(UnixFileMode.UserExecute), binary);
        }

        // the extension ran after the bundled install steps
        Assert.Equal("added by an extension\n", File.ReadAllText(In("/etc/e2e-extension")));
        Assert.Contains("install ok installed", File.ReadAllText(In("/etc/e2e-ssh-was-installed")));

        // kernel link and a fresh initrd with our immucore dracut module in it
        var kernel = Directory.GetDirectories(In("/lib/modules")).Select(Path.GetFileName).Single();
        Assert.Equal($"/boot/vmlinuz-{kernel}", new FileInfo(In("/boot/vmlinuz")).LinkTarget);
        var initrd = root.Chroot("lsinitrd", "/boot/initrd");
        Assert.Contains("usr/bin/immucore", initrd);
        Assert.Contains("immucore.service", initrd);

        // kairos-release, services, cleanup
        var release = File.ReadAllText(In("/etc/kairos-release"));
        Assert.Contains("KAIROS_VERSION=\"v1.0.0\"\n", release);
        Assert.Contains("KAIROS_FLAVOR_RELEASE=12\n", release);
        Assert.True(File.Exists(In("/etc/systemd/system/multi-user.target.wants/ssh.service")), "ssh enabled");
        Assert.Empty(Directory.GetFiles(In("/etc/ssh"), "ssh_host_*"));
        Assert.Equal(0, new FileInfo(In("/etc/machine-id")).Length);
        Assert.Empty(Directory.GetFiles(In("/var/lib/apt/lists"), "*_Packages*"));
        Assert.Empty(Directory.GetFiles(In("/var/cache/apt/archives"), "*.deb"));

        // cloud-configs and the run record
        Assert.True(Directory.GetFiles(In("/system/oem"), "*.yaml").Length >= 10);
        using var record = JsonDocument.Parse(File.ReadAllText(In("/etc/kairos/kairos-stages/run.json")));
        Assert.Equal("succeeded", record.RootElement.GetProperty("status").GetString());
        Assert.True(File.Exists(In("/etc/kairos/kairos-init-init-stage.yaml")));
    }
}
