using Kairos.Stages.Target.Platform;
using Kairos.Stages.Tests.Support;

namespace Kairos.Stages.Tests.Recorded;

/// <summary>
/// A full <c>run --stage install</c> per distro against a fake root whose commands are recorded:
/// the package-manager lines and file writes, in order, compared with Golden/recorded/&lt;target&gt;.txt
/// (rewrite with KAIROS_UPDATE_GOLDEN=1, then review), plus the facts that matter most asserted here.
/// </summary>
public sealed class RecordedInstallTests
{
    private static readonly string Artifacts = FixtureArtifacts.Create();

    public static TheoryData<string, string, string> Targets => new()
    {
        // target, package-manager install line prefix, kernel package
        { "ubuntu-22.04", "apt-get -y --no-install-recommends install ", "linux-image-generic-hwe-22.04" },
        { "ubuntu-24.04", "apt-get -y --no-install-recommends install ", "linux-image-generic-hwe-24.04" },
        { "debian-12", "apt-get -y --no-install-recommends install ", "linux-image-amd64" },
        { "debian-13", "apt-get -y --no-install-recommends install ", "linux-image-amd64" },
        { "fedora-41", "dnf install -y --setopt=install_weak_deps=False ", "kernel" },
        { "rocky-9", "dnf install -y --setopt=install_weak_deps=False ", "kernel" },
        { "opensuse-leap-15.6", "zypper install -y --no-recommends ", "kernel-default" },
        { "alpine-3.21", "apk add --no-cache ", "linux-lts" },
    };

    [Theory]
    [MemberData(nameof(Targets))]
    public async Task Install_stage_records_the_exact_commands_and_writes(string target, string install, string kernel)
    {
        // act
        using var run = await RecordedRun.StartAsync(target, "--stage", "install", "--version", "1.0.0", "--artifacts-dir", Artifacts);

        // assert
        Assert.True(run.Code == 0, run.Error);
        Golden.Assert($"Golden/recorded/{target}.txt", run.Normalized(Artifacts));
        var commands = run.Journal.Where(e => e.Operation == JournalOperation.Run).ToList();
        var installs = commands.Where(c => c.Subject.StartsWith(install, StringComparison.Ordinal)).ToList();
        var kernelInstall = Assert.Single(installs, c => c.Subject.Split(' ').Contains(kernel));
        var baseInstall = installs.MaxBy(c => c.Subject.Length)!;
        Assert.NotSame(kernelInstall, baseInstall);
        AssertRefreshedAndUpgradedOnceBefore(commands, baseInstall, install);
        Assert.True(commands.IndexOf(baseInstall) < commands.IndexOf(kernelInstall), "base packages go in before the kernel");
        AssertKairosAgentInstalled(run);
        Assert.All(commands, c => Assert.DoesNotContain(run.Root, c.Subject, StringComparison.Ordinal));
        Assert.All(commands, c => Assert.DoesNotContain(Artifacts, c.Subject, StringComparison.Ordinal));
        if (install.StartsWith("apt-get", StringComparison.Ordinal))
        {
            Assert.All(commands.Where(c => c.Subject.StartsWith("apt-get", StringComparison.Ordinal)), c => Assert.Equal("noninteractive", c.Environment["DEBIAN_FRONTEND"]));
        }
    }

    public static TheoryData<string, string, string, string> Deferrals => new()
    {
        // target, the deferring command or write, the kernel install, the restoring command
        { "debian-12", "dpkg-divert --local --rename --add", "linux-image-amd64", "dpkg-divert --local --rename --remove" },
        { "ubuntu-24.04", "dpkg-divert --local --rename --add", "linux-image-generic-hwe-24.04", "dpkg-divert --local --rename --remove" },
        { "fedora-41", "ln -sfn /dev/null /etc/kernel/install.d/50-dracut.install", "kernel-modules", "rm -f /etc/kernel/install.d/$f" },
        { "rocky-9", "ln -sfn /dev/null /etc/kernel/install.d/50-dracut.install", "kernel-modules", "rm -f /etc/kernel/install.d/$f" },
        { "opensuse-leap-15.6", "mv -f /usr/bin/dracut /usr/bin/dracut.kairos-stages", "kernel-default", "mv -f /usr/bin/dracut.kairos-stages /usr/bin/dracut" },
    };

    [Theory]
    [MemberData(nameof(Deferrals))]
    public async Task Initrd_generation_is_deferred_around_the_kernel_install(string target, string defer, string kernel, string restore)
    {
        // act
        using var run = await RecordedRun.StartAsync(target, "--stage", "install", "--version", "1.0.0", "--artifacts-dir", Artifacts);

        // assert
        Assert.True(run.Code == 0, run.Error);
        var commands = run.Journal.Where(e => e.Operation == JournalOperation.Run).Select(e => e.Subject).ToList();
        var deferred = commands.FindIndex(c => c.Contains(defer, StringComparison.Ordinal));
        var installed = commands.FindIndex(c => c.Split(' ').Contains(kernel));
        var restored = commands.FindLastIndex(c => c.Contains(restore, StringComparison.Ordinal));
        Assert.True(deferred >= 0 && deferred < installed && installed < restored, $"defer {deferred}, kernel {installed}, restore {restored}");
    }

    [Fact]
    public async Task Rocky_installs_EPEL_before_the_base_packages()
    {
        // act
        using var run = await RecordedRun.StartAsync("rocky-9", "--stage", "install", "--version", "1.0.0", "--artifacts-dir", Artifacts);

        // assert
        Assert.True(run.Code == 0, run.Error);
        var commands = run.Journal.Where(e => e.Operation == JournalOperation.Run).Select(e => e.Subject).ToList();
        var epel = commands.IndexOf("dnf install -y --setopt=install_weak_deps=False epel-release");
        var basePackages = commands.FindIndex(c => c.StartsWith("dnf install", StringComparison.Ordinal) && c.Contains(" systemd", StringComparison.Ordinal));
        Assert.InRange(epel, 0, basePackages - 1);
    }

    [Fact]
    public async Task Alpine_turns_package_triggers_off_before_any_package_is_installed()
    {
        // act
        using var run = await RecordedRun.StartAsync("alpine-3.21", "--stage", "install", "--version", "1.0.0", "--artifacts-dir", Artifacts);

        // assert
        Assert.True(run.Code == 0, run.Error);
        var journal = run.Journal.ToList();
        var firstApk = journal.FindIndex(e => e.Operation == JournalOperation.Run && e.Subject.StartsWith("apk ", StringComparison.Ordinal));
        var mkinitfs = journal.FindIndex(e => e.Operation == JournalOperation.Run && e.Subject.Contains("disable_trigger=yes", StringComparison.Ordinal));
        var grub = journal.FindIndex(e => e.Operation == JournalOperation.WriteFile && e.Subject == "/etc/update-grub.conf");
        Assert.InRange(mkinitfs, 0, firstApk - 1);
        Assert.InRange(grub, 0, firstApk - 1);
    }

    [Fact]
    public async Task A_k3s_build_also_installs_the_provider_and_k3s()
    {
        // act
        using var run = await RecordedRun.StartAsync("ubuntu-24.04", "--stage", "install", "--version", "1.0.0", "--kubernetes", "k3s", "--artifacts-dir", Artifacts);

        // assert
        Assert.True(run.Code == 0, run.Error);
        Golden.Assert("Golden/recorded/ubuntu-24.04-k3s.txt", run.Normalized(Artifacts));
        var writes = run.Journal.Where(e => e.Operation == JournalOperation.WriteFile).Select(e => e.Subject).ToList();
        Assert.Contains("/usr/bin/k3s", writes);
        Assert.Contains("/etc/systemd/system/k3s.service", writes);
        Assert.Contains(run.Journal, e => e.Operation == JournalOperation.Run && e.Subject == "ln -sfn /usr/bin/k3s /usr/bin/kubectl");
    }

    /// <summary>One refresh and one upgrade for the whole run (the recording changes no repository file), before the first install that needs them.</summary>
    private static void AssertRefreshedAndUpgradedOnceBefore(List<JournalEntry> commands, JournalEntry installLine, string install)
    {
        var (refresh, upgrade) = install.Split(' ')[0] switch
        {
            "apt-get" => ("apt-get -y update -o APT::Status-Fd=1", "apt-get -y upgrade -o APT::Status-Fd=1"),
            "dnf" => ("dnf makecache", "dnf update -y"),
            "zypper" => ("zypper refresh", "zypper update -y"),
            _ => ("apk update", "apk upgrade --no-cache"),
        };
        var refreshAt = commands.IndexOf(Assert.Single(commands, c => c.Subject == refresh));
        var upgradeAt = commands.IndexOf(Assert.Single(commands, c => c.Subject == upgrade));
        Assert.True(refreshAt < upgradeAt && upgradeAt < commands.IndexOf(installLine), $"'{refresh}' then '{upgrade}' before '{installLine.Subject}'");
    }

    private static void AssertKairosAgentInstalled(RecordedRun run)
    {
        var agent = Assert.Single(run.Journal, e => e.Operation == JournalOperation.WriteFile && e.Subject == "/usr/bin/kairos-agent");
        Assert.Equal((UnixFileMode)0x1ED, agent.Mode);
        Assert.Equal((0, 0), (agent.Uid, agent.Gid));
        Assert.Equal((UnixFileMode)0x1ED, File.GetUnixFileMode(Path.Combine(run.Root, "usr/bin/kairos-agent")));
    }
}
