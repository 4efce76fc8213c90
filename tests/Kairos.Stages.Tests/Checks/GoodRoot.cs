using Kairos.Stages.Image.Checks;
using Kairos.Stages.Target.Platform;

namespace Kairos.Stages.Tests.Checks;

/// <summary>Builds a root that passes every check (a Debian 12 core image, merged /usr), and runs checks on it.</summary>
public static class GoodRoot
{
    public const string Kernel = "6.1.0-18-amd64";

    public static readonly Dictionary<string, string> Release = new()
    {
        ["KAIROS_ID"] = "kairos",
        ["KAIROS_ID_LIKE"] = "kairos-core-debian-12",
        ["KAIROS_NAME"] = "kairos-core-debian-12",
        ["KAIROS_VERSION"] = "v1.2.3",
        ["KAIROS_RELEASE"] = "v1.2.3",
        ["KAIROS_ARCH"] = "amd64",
        ["KAIROS_TARGETARCH"] = "amd64",
        ["KAIROS_FLAVOR"] = "debian",
        ["KAIROS_FLAVOR_RELEASE"] = "12",
        ["KAIROS_FAMILY"] = "debian",
        ["KAIROS_MODEL"] = "generic",
        ["KAIROS_VARIANT"] = "core",
        ["KAIROS_BUG_REPORT_URL"] = "https://github.com/kairos-io/kairos/issues",
        ["KAIROS_HOME_URL"] = "https://github.com/kairos-io/kairos",
        ["KAIROS_FIPS"] = "false",
        ["KAIROS_TRUSTED_BOOT"] = "false",
        ["KAIROS_INIT_VERSION"] = "0.1.0",
    };

    /// <summary>What lsinitrd prints for a good Kairos initrd (abridged).</summary>
    public const string Listing = "Image: /boot/initrd: 40M\ndracut modules:\nimmucore\n-rwxr-xr-x 1 root root 0 usr/bin/immucore\n-rwxr-xr-x 1 root root 0 usr/bin/kairos-agent\n-rw-r--r-- 1 root root 0 usr/lib/modules/6.1.0-18-amd64/kernel/drivers/usb/host/xhci-pci-renesas.ko.xz\n";

    /// <summary>Answers the [INITRD] listing of /boot/initrd with <see cref="Listing"/>.</summary>
    public static CommandResult Answer(string script) =>
        script == InitrdCheck.ListScript("/boot/initrd") ? new CommandResult(0, Listing, TimeSpan.Zero) : new CommandResult(127, "unexpected", TimeSpan.Zero);

    public static TempRoot Create()
    {
        var root = new TempRoot()
            .Mkdir("/usr/lib").Link("/lib", "usr/lib").Mkdir("/usr/bin").Link("/bin", "usr/bin").Mkdir("/usr/sbin").Link("/sbin", "usr/sbin")
            .File("/etc/os-release", "PRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\nID=debian\nVERSION_ID=\"12\"\n")
            .Exec("/usr/bin/immucore").Exec("/usr/bin/kairos-agent").Exec("/usr/bin/sudo").Exec("/usr/bin/less")
            .Exec("/system/discovery/kcrypt-discovery-challenger").Exec("/usr/sbin/mount.nfs")
            .File($"/boot/vmlinuz-{Kernel}").Link("/boot/vmlinuz", $"vmlinuz-{Kernel}")
            .Mkdir($"/usr/lib/modules/{Kernel}/kernel").File("/boot/initrd")
            .Mkdir("/var/lock").File("/usr/lib/systemd/system/getty.target", "[Unit]\nDescription=Login Prompts\n")
            .File("/etc/ssh/sshd_config", "# defaults\n").File("/etc/machine-id", "").Exec("/usr/bin/lsinitrd");
        WriteRelease(root, Release);
        System.IO.File.SetLastWriteTimeUtc(root.HostPath("/boot/initrd"), DateTime.UtcNow.AddMinutes(1));
        return root;
    }

    public static void WriteRelease(TempRoot root, IReadOnlyDictionary<string, string> values) =>
        root.File("/etc/kairos-release", string.Concat(values.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}=\"{p.Value}\"\n")));

    public static void WithRelease(TempRoot root, Action<Dictionary<string, string>> change)
    {
        var values = new Dictionary<string, string>(Release);
        change(values);
        WriteRelease(root, values);
    }

    public static CheckContext Context(TempRoot root, ValidateOptions? options = null, ITarget? target = null) =>
        CheckContextFactory.Create(target ?? new FakeTarget(root.Path, Answer), options ?? new ValidateOptions());

    public static Task<ValidationReport> ValidateAsync(TempRoot root, ValidateOptions? options = null, ITarget? target = null) =>
        ImageValidator.ValidateAsync(Context(root, options, target));

    public static async Task<IReadOnlyList<CheckFinding>> RunAsync(IImageCheck check, TempRoot root, ValidateOptions? options = null, ITarget? target = null) =>
        await check.RunAsync(Context(root, options, target), CancellationToken.None);

    public static IEnumerable<CheckFinding> Failures(this IEnumerable<CheckFinding> findings) => findings.Where(f => f.Status == CheckStatus.Fail);

    public static IEnumerable<CheckFinding> Warnings(this IEnumerable<CheckFinding> findings) => findings.Where(f => f.Status == CheckStatus.Warn);
}
