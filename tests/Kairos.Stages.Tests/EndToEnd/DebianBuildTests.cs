using System.Text.Json;
using Kairos.Stages.Cli;

namespace Kairos.Stages.Tests.EndToEnd;

/// <summary>
/// The whole job on a real debootstrap'd Debian 12 root, from outside with --root (commands run
/// through chroot): install phase with an extension, init phase, validate, a second full run,
/// and validate catching single breakages. Offline artifacts (fixtures) via --artifacts-dir.
/// </summary>
[Collection("EndToEnd")]
public sealed class DebianBuildTests
{
    private const string Extension = """
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

    [Fact]
    public async Task Debian_12_root_becomes_a_valid_Kairos_image_and_a_second_run_succeeds()
    {
        if (DebianRoot.Unavailable() is { } why)
        {
            Assert.Skip(why);
        }

        // arrange
        using var root = DebianRoot.Create();
        var artifacts = FixtureArtifacts.Create();
        var extensions = Path.Combine(root.Path, "etc/kairos-init/stage-extensions");
        Directory.CreateDirectory(extensions);
        await File.WriteAllTextAsync(Path.Combine(extensions, "10-e2e.yaml"), Extension, TestContext.Current.CancellationToken);

        // act: the two phases, as two Docker RUN lines would
        var install = await RunAsync("run", "--root", root.Path, "--stage", "install", "--version", "1.0.0", "--artifacts-dir", artifacts);
        var init = await RunAsync("run", "--root", root.Path, "--stage", "init", "--version", "1.0.0");
        var validate = await RunAsync("validate", "--root", root.Path);

        // assert: the phases and validate
        Assert.True(install.Code == 0, install.Error);
        Assert.True(init.Code == 0, init.Error);
        Assert.True(validate.Code == 0, validate.Output + validate.Error);
        AssertImage(root);

        // a second full run on the finished root succeeds
        var again = await RunAsync("run", "--root", root.Path, "--stage", "all", "--version", "1.0.0", "--artifacts-dir", artifacts);
        Assert.True(again.Code == 0, again.Error);
        Assert.Equal(0, (await RunAsync("validate", "--root", root.Path)).Code);

        // validate names the check a single breakage fails
        await AssertBreakageFailsAsync(root, "[FILES]", () => File.Move(Path.Combine(root.Path, "boot/vmlinuz"), Path.Combine(root.Path, "boot/vmlinuz.moved")),
            () => File.Move(Path.Combine(root.Path, "boot/vmlinuz.moved"), Path.Combine(root.Path, "boot/vmlinuz")));
        await AssertBreakageFailsAsync(root, "[SSH]", () => File.WriteAllText(Path.Combine(root.Path, "etc/ssh/ssh_host_ed25519_key"), "key"),
            () => File.Delete(Path.Combine(root.Path, "etc/ssh/ssh_host_ed25519_key")));
        await AssertBreakageFailsAsync(root, "[SERVICES]", () => File.CreateSymbolicLink(Path.Combine(root.Path, "etc/systemd/system/getty.target"), "/dev/null"),
            () => File.Delete(Path.Combine(root.Path, "etc/systemd/system/getty.target")));
        Assert.DoesNotContain(root.Path, await File.ReadAllTextAsync("/proc/self/mountinfo", TestContext.Current.CancellationToken));
    }

    private static void AssertImage(DebianRoot root)
    {
        string In(string path) => Path.Combine(root.Path, path.TrimStart('/'));

        // packages really installed
        foreach (var package in new[] { "systemd", "openssh-server", "dracut", "rsync", "sudo", "linux-image-amd64" })
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

    private static async Task AssertBreakageFailsAsync(DebianRoot root, string tag, Action breakIt, Action mend)
    {
        breakIt();
        try
        {
            var result = await RunAsync("validate", "--root", root.Path);
            Assert.Equal(1, result.Code);
            Assert.Contains($"FAIL {tag}", result.Output);
        }
        finally
        {
            mend();
        }
    }

    private static async Task<(int Code, string Output, string Error)> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await CliApp.RunAsync(args, output, error);
        return (code, output.ToString(), error.ToString());
    }
}
