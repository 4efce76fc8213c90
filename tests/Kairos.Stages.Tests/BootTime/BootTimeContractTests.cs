using Kairos.Stages.FrontEnd.Loading;
using Kairos.Stages.FrontEnd.Model;
using Kairos.Stages.Tests.Content;

namespace Kairos.Stages.Tests.BootTime;

/// <summary>
/// The boot-time contract per checklist row of the boot-time reference: the install files are
/// rendered for every content target, the cloud-configs they install are loaded back as yip
/// files, and each row's facts (file, stage, condition, value) are asserted.
/// </summary>
public sealed class BootTimeContractTests
{
    private static readonly string[] UpstreamFiles =
    [
        "00_datasource.yaml", "00_home_dir_owner_fix.yaml", "00_rootfs.yaml", "01_extra_binds.yaml", "02_agent.yaml",
        "02_notify.yaml", "03-setupcon.yaml", "05_network.yaml", "08_efi_assessment.yaml", "08_grub.yaml", "08_ssh.yaml",
        "09_openrc_services.yaml", "09_systemd_services.yaml", "10_accounting.yaml", "11_RPI.yaml", "12_nvidia.yaml",
        "13_nvidia_qspi.yaml", "21_kcrypt.yaml", "23_c3os.yaml", "25_autologin.yaml", "26_selinux.yaml", "26_vm.yaml",
        "29_blacklist.yaml", "30-prepare-l4t-rootfs.yaml", "30_ulimit.yaml", "31_hosts.yaml", "32_profile.yaml",
        "50_recovery.yaml", "51_reset.yaml", "52_installer.yaml", "99_sysext.yaml",
    ];

    /// <summary>Row, file, stage, and a fact the stage's text (conditions, commands, contents) must contain.</summary>
    public static TheoryData<string, string, string, string> Facts() => new()
    {
        { "Row03 datasource pulled in rootfs.before", "00_datasource.yaml", "rootfs.before", "path: \"/oem/95_userdata\"" },
        { "Row03 datasource pulled in initramfs.before", "00_datasource.yaml", "initramfs.before", "\"maas\"" },
        { "Row05 UKI boots pull only on request", "00_datasource.yaml", "network", "[ ! -e /run/cos/uki_boot_mode ] || grep -q kairos.pull_datasources /proc/cmdline" },
        { "Row07 home fix marker", "00_home_dir_owner_fix.yaml", "network", "/usr/local/.kairos/skip-home-directory-ownership-fix" },
        { "Row10 active layout excludes autoreset", "00_rootfs.yaml", "rootfs", "[ ! -f /run/cos/autoreset_mode ]" },
        { "Row15 grow COS_PERSISTENT", "00_rootfs.yaml", "rootfs.after", "expand_partition" },
        { "Row16 journal directory", "00_rootfs.yaml", "initramfs", "/var/log/journal" },
        { "Row18 systemd-machine-id-setup", "00_rootfs.yaml", "initramfs", "systemd-machine-id-setup" },
        { "Row19 OpenRC machine-id from dbus", "00_rootfs.yaml", "initramfs", "cp -f /var/lib/dbus/machine-id /etc/machine-id" },
        { "Row20 save machine-id in fs", "00_rootfs.yaml", "fs", "cp -f /etc/machine-id /usr/local/etc/machine-id" },
        { "Row21 user cloud-config dir", "00_rootfs.yaml", "fs.after", "mkdir -p /usr/local/cloud-config" },
        { "Row22 bpffs mode", "00_rootfs.yaml", "boot.before", "mode=700 bpffs /sys/fs/bpf" },
        { "Row28 setupcon", "03-setupcon.yaml", "initramfs.after", "FONT=\"default8x16.psf.gz\"" },
        { "Row29 DHCP files in the initramfs", "05_network.yaml", "rootfs.before", "/etc/systemd/network/20-dhcp-legacy.network\n[Match]\nName=eth*" },
        { "Row30 DHCP files reloaded in the real root", "05_network.yaml", "initramfs", "networkctl reload" },
        { "Row31 SUSE hands networking to networkd", "05_network.yaml", "initramfs", "systemctl disable NetworkManager wicked" },
        { "Row32 resolv.conf from systemd-resolved", "05_network.yaml", "initramfs", "ln -s /run/systemd/resolve/resolv.conf /etc/resolv.conf" },
        { "Row33 networkd on Red Hat if shipped", "05_network.yaml", "initramfs", "[ -f /usr/lib/systemd/systemd-networkd ]" },
        { "Row34 loader.conf suffix strip", "08_efi_assessment.yaml", "initramfs", "/efi/loader/loader.conf" },
        { "Row41 reconcile loop retried after 360 s", "09_openrc_services.yaml", "initramfs", "respawn_delay=360" },
        { "Row41 reconcile log", "09_openrc_services.yaml", "initramfs", "output_log=\"/var/log/cos-setup-reconcile.log\"" },
        { "Row41 agent log", "09_openrc_services.yaml", "initramfs", "/usr/bin/kairos-agent start > /var/log/kairos/agent.log 2>&1 &" },
        { "Row41 webui exports /etc/environment", "09_openrc_services.yaml", "initramfs", ". /etc/environment" },
        { "Row42 issue banner", "09_openrc_services.yaml", "initramfs", "/etc/issue\n" },
        { "Row43 runlevel links", "09_openrc_services.yaml", "initramfs", "ln -sf ../../init.d/$s /etc/runlevels/default/$s" },
        { "Row44 sysctl at boot", "09_systemd_services.yaml", "boot", "fs.inotify.max_user_watches" },
        { "Row46 boot runner before getty", "09_systemd_services.yaml", "initramfs", "Before=getty.target" },
        { "Row49 reconcile inhibits shutdown", "09_systemd_services.yaml", "initramfs", "systemd-inhibit /usr/bin/kairos-agent run-stage reconcile" },
        { "Row55 OEM owned by admins recursively", "10_accounting.yaml", "initramfs", "chown -R root:admin /oem" },
        { "Row55 cloud-config owned by admins recursively", "10_accounting.yaml", "initramfs", "chown -R root:admin /usr/local/cloud-config" },
        { "Row56 serial getty replaces ttyS0 lines", "10_accounting.yaml", "initramfs.after", "ttyS0::respawn:/sbin/getty -L ttyS0 115200 vt100" },
        { "Row57 RPi safe date", "11_RPI.yaml", "initramfs.before", "date -s \"2006-08-14 02:34:56-06:00\"" },
        { "Row58 Jetson config", "12_nvidia.yaml", "initramfs", "/run/initramfs/cos-state" },
        { "Row58 Jetson L4T overlay", "12_nvidia.yaml", "initramfs", "lowerdir=/usr/local,upperdir=/run/mount/persistent/local" },
        { "Row59 QSPI after install", "13_nvidia_qspi.yaml", "after-install-chroot", "/usr/sbin/kairos-jetson-qspi-update" },
        { "Row59 QSPI after upgrade", "13_nvidia_qspi.yaml", "after-upgrade-chroot", "/usr/sbin/kairos-jetson-qspi-update" },
        { "Row60 kcrypt plugins only onto an OEM with discovery", "21_kcrypt.yaml", "after-upgrade", "if [ -d /tmp/mnt/OEM/system/discovery ]" },
        { "Row61 c3os migration", "23_c3os.yaml", "fs.after", "mv /usr/local/.c3os /usr/local/.kairos" },
        { "Row63 SELinux relabel paths", "26_selinux.yaml", "initramfs", "restorecon -R -i -v /etc /root /opt /srv /var /home /usr/local /oem" },
        { "Row64 QEMU vendor exact", "26_vm.yaml", "boot", "grep -qix qemu /sys/class/dmi/id/sys_vendor" },
        { "Row65 bpfilter never loads", "29_blacklist.yaml", "initramfs.before", "install bpfilter /bin/false" },
        { "Row66 Orin NX binaries", "30-prepare-l4t-rootfs.yaml", "initramfs.before", "./apply_binaries.sh" },
        { "Row67 OpenRC ulimit in boot.before", "30_ulimit.yaml", "boot.before", "rc_ulimit=\"-n 1048576\"" },
        { "Row68 hosts link regenerated when missing", "31_hosts.yaml", "initramfs", "[ ! -L /etc/hosts ]" },
        { "Row69 hostname from machine-id", "31_hosts.yaml", "initramfs", "ln -s /usr/local/etc/hostname /etc/hostname" },
        { "Row71 remote recovery masks the tty1 getty", "50_recovery.yaml", "initramfs", "systemctl mask getty@tty1" },
        { "Row71 remote recovery tty signals", "50_recovery.yaml", "initramfs", "kill -SIGRTMIN+21 1" },
        { "Row71 remote recovery on OpenRC", "50_recovery.yaml", "initramfs", "tty1::respawn:/usr/bin/kairos-agent recovery tty1" },
        { "Row72 recovery hint in /etc/issue", "50_recovery.yaml", "boot", ">> /etc/issue" },
        { "Row73 reset masks the tty1 getty", "51_reset.yaml", "initramfs", "systemctl mask getty@tty1" },
        { "Row73 reset on OpenRC", "51_reset.yaml", "initramfs", "tty1::respawn:/usr/bin/kairos-agent reset --unattended --reboot tty1" },
        { "Row74 installer on nodepair.enable", "52_installer.yaml", "initramfs", "grep -q nodepair.enable /proc/cmdline" },
        { "Row75 interactive installer is oneshot", "52_installer.yaml", "initramfs", "Type=oneshot" },
        { "Row76 web installer started at boot", "52_installer.yaml", "boot", "systemctl start kairos-webui" },
        { "Row77 nine sysext dirs", "99_sysext.yaml", "fs.after", "/usr/local/lib/confexts" },
        { "Row79 sysext hierarchies", "99_sysext.yaml", "initramfs", "SYSTEMD_SYSEXT_HIERARCHIES=/usr/local/bin:/usr/local/sbin:/usr/local/include:/usr/local/lib:/usr/local/share:/usr/local/src:/usr/bin:/usr/share:/usr/lib:/usr/include:/usr/src:/usr/sbin" },
    };

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, Dictionary<string, FileEntry>> Cache = new();

    private static Dictionary<string, FileEntry> Installed(ContentTarget target) => Cache.GetOrAdd(target.Name, _ => Render(target));

    private static Dictionary<string, FileEntry> Render(ContentTarget target)
    {
        var rendered = ContentStages.Render("install/60-cloudconfigs.yaml", target);
        Assert.True(rendered.Success, string.Join("; ", rendered.Diagnostics));
        var file = StageFileLoader.Load("60-cloudconfigs.yaml", rendered.Text!, LoadOptions.Strict).File!;
        return file.StepsFor("install").SelectMany(s => s.Files).ToDictionary(f => f.Path, f => f);
    }

    private static string StageText(FileEntry installed, string stage)
    {
        var file = StageFileLoader.Load(installed.Path, installed.Content, LoadOptions.Strict);
        Assert.False(file.HasErrors, string.Join("\n", file.Diagnostics));
        var steps = file.File!.StepsFor(stage);
        Assert.NotEmpty(steps);
        return string.Join("\n", steps.Select(s => string.Join("\n",
            [s.If ?? "", s.Name ?? "", .. s.Commands, .. s.Files.Select(f => f.Path + "\n" + f.Content), .. s.Directories.Select(d => d.Path),
             .. s.Environment.Select(e => $"{e.Key}={e.Value}"), .. s.Sysctl.Select(e => e.Key), s.Layout is null ? "" : "expand_partition",
             s.Datasource is null ? "" : $"path: \"{s.Datasource.Path}\" " + string.Join(" ", s.Datasource.Providers.Select(p => $"\"{p}\""))])));
    }

    [Theory]
    [MemberData(nameof(ContentTargets.Names), MemberType = typeof(ContentTargets))]
    public void Row01_all_31_boot_time_files_install_to_system_oem_0644(string target)
    {
        var installed = Installed(ContentTargets.Get(target));

        Assert.Equal(UpstreamFiles.Select(f => "/system/oem/" + f).Order(StringComparer.Ordinal), installed.Keys.Order(StringComparer.Ordinal));
        Assert.All(installed.Values, f => Assert.Equal(0x1A4u, f.Permissions));
    }

    [Theory]
    [MemberData(nameof(Facts))]
    public void Row_fact_holds_for_every_target(string row, string file, string stage, string fact)
    {
        foreach (var target in ContentTargets.All)
        {
            var text = StageText(Installed(target)["/system/oem/" + file], stage);
            Assert.True(text.Contains(fact, StringComparison.Ordinal), $"{row} ({target.Name}): {file} {stage} lacks '{fact}'");
        }
    }

    [Fact]
    public void Row01_no_cloud_config_tests_the_never_written_uki_mode_flag()
    {
        var installed = Installed(ContentTargets.Get("ubuntu-24.04"));

        Assert.All(installed.Values, f => Assert.DoesNotContain("/run/cos/uki_mode", f.Content, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("ubuntu-24.04", true)]
    [InlineData("alpine-3.21", true)]
    [InlineData("ubuntu-24.04-trusted-boot", false)]
    public void Row81_grub_files_and_assessment_hooks_ship_except_for_trusted_boot(string target, bool expected)
    {
        var rendered = ContentStages.Render("install/40-grub.yaml", ContentTargets.Get(target));
        var file = StageFileLoader.Load("40-grub.yaml", rendered.Text!, LoadOptions.Strict).File!;
        var paths = file.StepsFor("install").SelectMany(s => s.Files).Select(f => f.Path).ToList();

        var all = new[] { "/etc/cos/grub.cfg", "/etc/cos/bootargs.cfg", "/etc/cos/grub_boot_assessment", "/etc/cos/grubcustom_boot_assessment" };
        Assert.Equal(expected ? all : [], paths);
    }
}
