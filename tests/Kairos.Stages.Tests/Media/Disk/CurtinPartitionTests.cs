using Kairos.Stages.FrontEnd.Sources;
using Kairos.Stages.Media.Disk;

namespace Kairos.Stages.Tests.Media.Disk;

/// <summary>COS_CURTIN's busybox check on real binaries of this machine: curtin chroots into the partition, so only a static busybox for the image's CPU will do.</summary>
public sealed class CurtinPartitionTests
{
    private static readonly string? Busybox = new[] { "/usr/bin/busybox", "/bin/busybox" }.FirstOrDefault(File.Exists);

    [Fact]
    public void The_static_busybox_of_debians_busybox_static_passes_for_amd64_and_not_for_arm64()
    {
        Assert.SkipWhen(Busybox is null || System.Runtime.InteropServices.RuntimeInformation.OSArchitecture != System.Runtime.InteropServices.Architecture.X64, "needs busybox-static on amd64");
        var bytes = File.ReadAllBytes(Busybox!);

        Assert.Null(CurtinPartition.ElfProblem(bytes, 0x3E));
        Assert.Equal("is built for another CPU", CurtinPartition.ElfProblem(bytes, 0xB7));
    }

    [Fact]
    public void A_dynamically_linked_program_or_a_script_is_refused()
    {
        Assert.SkipWhen(System.Runtime.InteropServices.RuntimeInformation.OSArchitecture != System.Runtime.InteropServices.Architecture.X64, "amd64 host programs");

        Assert.Equal("is dynamically linked (it names a program interpreter)", CurtinPartition.ElfProblem(File.ReadAllBytes("/bin/ls"), 0x3E));
        Assert.Equal("is not a 64-bit little-endian ELF executable", CurtinPartition.ElfProblem("#!/bin/sh\nexit 0\n"u8.ToArray(), 0x3E));
    }

    [Fact]
    public void The_curtin_hook_turns_maas_network_configs_v1_and_v2_into_networkd_files_and_finds_the_datasource()
    {
        Assert.SkipWhen(!File.Exists("/usr/bin/python3"), "needs python3");
        var hook = Path.Combine(Path.GetTempPath(), $"ks-curtin-hook-{Guid.NewGuid():N}");
        File.WriteAllText(hook, new EmbeddedStageSource().ReadText("disk/maas/curtin-hooks"));
        try
        {
            // the hook's own functions (main() needs curtin, which only MAAS's deploy environment has)
            const string Script = """
                import importlib.machinery, json, sys
                hook = importlib.machinery.SourceFileLoader("hook", sys.argv[1]).load_module()
                v2 = {"network": {"version": 2, "ethernets": {"eno1": {"addresses": ["10.0.0.5/24"], "routes": [{"to": "default", "via": "10.0.0.1"}], "nameservers": {"addresses": ["10.0.0.2"], "search": ["maas"]}}, "eno2": {"dhcp4": True}}}}
                v1 = {"version": 1, "config": [{"type": "physical", "name": "eth0", "subnets": [{"type": "dhcp4"}]}, {"type": "nameserver", "address": ["1.1.1.1"]}]}
                cfg = {"cloudconfig": {"other": {"content": "x"}, "maas-cloud-config": {"content": "#cloud-config\ndatasource:\n  MAAS: {metadata_url: http://m}\n"}}}
                print(json.dumps([hook.network_config(v2), hook.network_config(v1), hook.network_config({}), hook.maas_cloud_config(cfg), hook.maas_cloud_config({})]))
                """;
            using var result = System.Text.Json.JsonDocument.Parse(Programs.Run("python3", "-c", Script, hook));
            var (v2, v1) = (result.RootElement[0], result.RootElement[1]);
            var v2Files = v2.GetProperty("stages").GetProperty("initramfs")[0].GetProperty("files");
            Assert.Equal("MAAS network", v2.GetProperty("name").GetString());
            Assert.Equal("/etc/systemd/network/10-maas.network", v2Files[0].GetProperty("path").GetString());
            Assert.Equal(420, v2Files[0].GetProperty("permissions").GetInt32());
            Assert.Equal("[Match]\nName=eno1\n\n[Network]\nAddress=10.0.0.5/24\nGateway=10.0.0.1\nDNS=10.0.0.2\nDomains=maas\n", v2Files[0].GetProperty("content").GetString());
            Assert.Equal("[Match]\nName=eno2\n\n[Network]\nDHCP=yes\n", v2Files[1].GetProperty("content").GetString());
            var v1File = Assert.Single(v1.GetProperty("stages").GetProperty("initramfs")[0].GetProperty("files").EnumerateArray());
            Assert.Equal("[Match]\nName=eth0\n\n[Network]\nDHCP=yes\n", v1File.GetProperty("content").GetString());
            Assert.Equal(System.Text.Json.JsonValueKind.Null, result.RootElement[2].ValueKind);
            Assert.StartsWith("#cloud-config\ndatasource:\n  MAAS:", result.RootElement[3].GetString());
            Assert.Equal(System.Text.Json.JsonValueKind.Null, result.RootElement[4].ValueKind);
        }
        finally
        {
            File.Delete(hook);
        }
    }
}
