using YamlDotNet.RepresentationModel;

namespace Kairos.Stages.Tests.Content;

/// <summary>Runs the rendered kernel step twice in a busybox chroot: the second run succeeds and leaves the same link.</summary>
public sealed class KernelLinkScriptTests
{
    private const string Busybox = "/usr/bin/busybox";

    public static TheoryData<string, string[], string> Layouts() => new()
    {
        { "ubuntu-22.04", ["lib/modules/6.8.0-40-generic/", "lib/modules/6.8.0-51-generic/", "boot/vmlinuz-6.8.0-40-generic", "boot/vmlinuz-6.8.0-51-generic"], "/boot/vmlinuz-6.8.0-51-generic" },
        { "fedora-41", ["lib/modules/6.11.4-301.fc41.x86_64/", "usr/lib/modules/6.11.4-301.fc41.x86_64/vmlinuz"], "/boot/vmlinuz-6.11.4-301.fc41.x86_64" },
        { "alpine-3.21", ["lib/modules/6.12.11-0-lts/", "boot/vmlinuz-lts"], "/boot/vmlinuz-lts" },
        { "ubuntu-24.04-rpi4", ["lib/modules/6.8.0-1017-raspi/", "lib/modules/6.9.0-1-generic/", "boot/vmlinuz-6.8.0-1017-raspi", "boot/vmlinuz-6.9.0-1-generic"], "/boot/vmlinuz-6.8.0-1017-raspi" },
    };

    [Theory]
    [MemberData(nameof(Layouts))]
    public void Kernel_step_links_the_kernel_and_is_idempotent(string target, string[] layout, string expected)
    {
        if (Environment.UserName != "root" || !File.Exists(Busybox) || !File.Exists("/usr/sbin/chroot"))
        {
            Assert.Skip("needs root, chroot and a static busybox");
        }

        // arrange
        var root = Directory.CreateTempSubdirectory("kairos-kernel-").FullName;
        try
        {
            Populate(root, layout);
            var script = KernelScript(ContentTargets.Get(target));

            // act
            var first = Chroot(root, script);
            var second = Chroot(root, script);

            // assert
            Assert.Equal(0, first);
            Assert.Equal(0, second);
            Assert.Equal(expected, new FileInfo(Path.Combine(root, "boot/vmlinuz")).LinkTarget);
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead
                | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute, File.GetUnixFileMode(Path.Combine(root, "boot")));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static string KernelScript(ContentTarget target)
    {
        var result = ContentStages.Render("init/20-kernel.yaml", target);
        var yaml = new YamlStream();
        yaml.Load(new StringReader(result.Text!));
        var root = (YamlMappingNode)yaml.Documents[0].RootNode;
        var step = (YamlMappingNode)((YamlSequenceNode)((YamlMappingNode)root["stages"])["init"])[0];
        return ((YamlScalarNode)((YamlSequenceNode)step["commands"])[0]).Value!;
    }

    private static void Populate(string root, IEnumerable<string> layout)
    {
        Directory.CreateDirectory(Path.Combine(root, "bin"));
        File.Copy(Busybox, Path.Combine(root, "bin/busybox"));
        foreach (var applet in new[] { "sh", "ls", "sort", "tail", "grep", "rm", "ln", "cp", "mkdir", "chmod", "echo", "[" })
        {
            File.CreateSymbolicLink(Path.Combine(root, "bin", applet), "busybox");
        }

        foreach (var entry in layout)
        {
            var path = Path.Combine(root, entry);
            if (entry.EndsWith('/'))
            {
                Directory.CreateDirectory(path);
                continue;
            }

            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, "kernel");
        }
    }

    private static int Chroot(string root, string script)
    {
        return Programs.Try(["/usr/sbin/chroot", root, "/bin/sh", "-c", "PATH=/bin; " + script]).Code;
    }
}
