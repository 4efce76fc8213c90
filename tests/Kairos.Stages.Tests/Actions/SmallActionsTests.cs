using Kairos.Stages.Engine.Actions;
using Kairos.Stages.FrontEnd.Diagnostics;
using Kairos.Stages.FrontEnd.Model;

namespace Kairos.Stages.Tests.Actions;

public sealed class SmallActionsTests
{
    private static KeyValue Kv(string key, string value) => new(key, value, SourceSpan.None("t"));

    [Fact]
    public async Task Dns_writes_resolv_conf_inside_the_root()
    {
        // arrange
        using var root = new TempRoot();
        root.Mkdir("/etc");

        // act
        await new DnsAction().RunAsync(new Step { Dns = new Dns { Nameservers = ["8.8.8.8"] } }, Contexts.For(new ScriptedTarget(root)), TestContext.Current.CancellationToken);

        // assert
        Assert.Equal("nameserver 8.8.8.8\n", root.Read("/etc/resolv.conf"));
        Assert.Equal("0644", root.Mode("/etc/resolv.conf"));
    }

    [Fact]
    public async Task Dns_writes_search_and_options_to_a_custom_path()
    {
        // arrange
        using var root = new TempRoot();
        root.Mkdir("/run");
        var dns = new Dns { Nameservers = ["1.1.1.1", "9.9.9.9"], Search = ["a.example", "b.example"], Options = ["rotate", "ndots:2"], Path = "/run/resolv" };

        // act
        await new DnsAction().RunAsync(new Step { Dns = dns }, Contexts.For(new ScriptedTarget(root)), TestContext.Current.CancellationToken);

        // assert
        Assert.Equal("search a.example b.example\nnameserver 1.1.1.1\nnameserver 9.9.9.9\noptions rotate ndots:2\n", root.Read("/run/resolv"));
    }

    [Fact]
    public async Task Hostname_writes_etc_hostname_and_rewrites_the_hosts_line()
    {
        // arrange
        using var root = new TempRoot();
        root.Write("/etc/hosts", "127.0.0.1 boo\n  ::1 localhost  \n");

        // act
        var outcome = await new HostnameAction().RunAsync(new Step { Hostname = "bar" }, Contexts.For(new ScriptedTarget(root)), TestContext.Current.CancellationToken);

        // assert
        Assert.True(outcome.Succeeded);
        Assert.Equal("bar\n", root.Read("/etc/hostname"));
        Assert.Equal("127.0.0.1 localhost bar\n::1 localhost\n", root.Read("/etc/hosts"));
    }

    [Fact]
    public async Task Hostname_writes_through_links_to_the_persistent_partition()
    {
        // arrange: the links 31_hosts.yaml makes on a Kairos node
        using var root = new TempRoot();
        root.Write("/usr/local/etc/hosts", "127.0.0.1 localhost\n").Write("/usr/local/etc/hostname", "").Mkdir("/etc");
        File.CreateSymbolicLink(root.HostPath("/etc/hosts"), "/usr/local/etc/hosts");
        File.CreateSymbolicLink(root.HostPath("/etc/hostname"), "/usr/local/etc/hostname");

        // act
        var outcome = await new HostnameAction().RunAsync(new Step { Hostname = "bar" }, Contexts.For(new ScriptedTarget(root)), TestContext.Current.CancellationToken);

        // assert
        Assert.True(outcome.Succeeded);
        Assert.Equal("/usr/local/etc/hostname", new FileInfo(root.HostPath("/etc/hostname")).LinkTarget);
        Assert.Equal("/usr/local/etc/hosts", new FileInfo(root.HostPath("/etc/hosts")).LinkTarget);
        Assert.Equal("bar\n", root.Read("/usr/local/etc/hostname"));
        Assert.Equal("127.0.0.1 localhost bar\n", root.Read("/usr/local/etc/hosts"));
    }

    [Fact]
    public async Task Hostname_renders_its_own_context_and_fails_on_a_template_error()
    {
        // arrange
        using var root = new TempRoot();
        root.Write("/etc/hosts", "127.0.0.1 localhost\n").Write("/etc/machine-id", "cafe1234\n");
        var context = Contexts.For(new ScriptedTarget(root));

        // act
        await new HostnameAction().RunAsync(new Step { Hostname = "metal-{{ trunc 4 .MachineID }}" }, context, TestContext.Current.CancellationToken);
        var bad = await new HostnameAction().RunAsync(new Step { Hostname = "x-{{ .Values.node.hostname }}" }, context, TestContext.Current.CancellationToken);

        // assert
        Assert.Equal("metal-cafe\n", root.Read("/etc/hostname"));
        Assert.Contains("hostname template", bad.Failures.Single().Message);
        Assert.Equal("metal-cafe\n", root.Read("/etc/hostname"));
    }

    [Fact]
    public async Task Hostname_at_boot_time_also_sets_the_running_hostname()
    {
        // arrange
        using var root = new TempRoot();
        root.Write("/etc/hosts", "127.0.0.1 localhost\n");
        var target = new ScriptedTarget(root);

        // act
        await new HostnameAction().RunAsync(new Step { Hostname = "bar" }, Contexts.For(target, buildTime: false), TestContext.Current.CancellationToken);
        var atBoot = target.Scripts.ToList();
        await new HostnameAction().RunAsync(new Step { Hostname = "bar" }, Contexts.For(target), TestContext.Current.CancellationToken);

        // assert
        Assert.Equal(["hostname 'bar'"], atBoot);
        Assert.Equal(["hostname 'bar'"], target.Scripts);
    }

    [Fact]
    public async Task Hostname_without_etc_hosts_is_a_failure()
    {
        // arrange
        using var root = new TempRoot();
        root.Mkdir("/etc");

        // act
        var outcome = await new HostnameAction().RunAsync(new Step { Hostname = "bar" }, Contexts.For(new ScriptedTarget(root)), TestContext.Current.CancellationToken);

        // assert
        Assert.Contains("/etc/hosts", outcome.Failures.Single().Message);
    }

    [Fact]
    public async Task Sysctl_is_skipped_at_build_time_and_written_without_newline_at_boot()
    {
        // arrange
        using var root = new TempRoot();
        root.Mkdir("/proc/sys/debug");
        var step = new Step { Sysctl = [Kv("debug.exception-trace", "0")] };

        // act
        var build = await new SysctlAction().RunAsync(step, Contexts.For(new ScriptedTarget(root)), TestContext.Current.CancellationToken);
        var existedAtBuild = root.Exists("/proc/sys/debug/exception-trace");
        await new SysctlAction().RunAsync(step, Contexts.For(new ScriptedTarget(root), buildTime: false), TestContext.Current.CancellationToken);

        // assert
        Assert.Single(build.Warnings);
        Assert.False(existedAtBuild);
        Assert.Equal("0", root.Read("/proc/sys/debug/exception-trace"));
    }

    [Fact]
    public async Task Modules_are_skipped_at_build_time_and_loaded_unless_listed_at_boot()
    {
        // arrange
        using var root = new TempRoot();
        root.Write("/proc/modules", "overlay 151552 0 - Live 0x0\n");
        var target = new ScriptedTarget(root);
        var step = new Step { Modules = ["overlay", "br_netfilter", "loop max_loop=8"] };

        // act
        var build = await new ModulesAction().RunAsync(step, Contexts.For(target), TestContext.Current.CancellationToken);
        var commandsAtBuild = target.Scripts.Count();
        await new ModulesAction().RunAsync(step, Contexts.For(target, buildTime: false), TestContext.Current.CancellationToken);

        // assert
        Assert.Single(build.Warnings);
        Assert.Equal(0, commandsAtBuild);
        Assert.Equal(["modprobe br_netfilter", "modprobe loop max_loop=8"], target.Scripts);
    }

    [Fact]
    public async Task Timesyncd_writes_the_time_section()
    {
        // arrange
        using var root = new TempRoot();
        root.Mkdir("/etc/systemd");

        // act
        await new TimesyncdAction().RunAsync(new Step { Timesyncd = [Kv("NTP", "0.pool")] }, Contexts.For(new ScriptedTarget(root)), TestContext.Current.CancellationToken);

        // assert
        Assert.Equal("[Time]\nNTP = 0.pool\n", root.Read("/etc/systemd/timesyncd.conf.d/10-yip.conf"));
    }

    [Fact]
    public async Task Timesyncd_merges_into_an_existing_file()
    {
        // arrange
        using var root = new TempRoot();
        root.Write("/etc/systemd/timesyncd.conf.d/10-yip.conf", "[Time]\nNTP=old\nFallbackNTP=f\n\n[Other]\nK=v\n");

        // act
        await new TimesyncdAction().RunAsync(new Step { Timesyncd = [Kv("NTP", "new"), Kv("RootDistanceMaxSec", "5")] }, Contexts.For(new ScriptedTarget(root)), TestContext.Current.CancellationToken);

        // assert
        Assert.Equal("[Time]\nNTP = new\nFallbackNTP = f\nRootDistanceMaxSec = 5\n\n[Other]\nK = v\n", root.Read("/etc/systemd/timesyncd.conf.d/10-yip.conf"));
    }

    [Fact]
    public async Task Systemd_firstboot_runs_one_sorted_command()
    {
        // arrange
        using var root = new TempRoot();
        var target = new ScriptedTarget(root);
        var step = new Step { SystemdFirstboot = [Kv("locale", "en_US.UTF-8"), Kv("keymap", "us"), Kv("FORCE", "true")] };

        // act
        await new SystemdFirstbootAction().RunAsync(step, Contexts.For(target), TestContext.Current.CancellationToken);

        // assert
        Assert.Equal(["systemd-firstboot --force --keymap=us --locale=en_US.UTF-8"], target.Scripts);
    }
}
