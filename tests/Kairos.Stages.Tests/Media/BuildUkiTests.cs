using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Kairos.Stages.Media.Uki;

namespace Kairos.Stages.Tests.Media;

/// <summary>
/// build-uki on a small fake Trusted Boot root (its "kernel" is only bytes, so these UKIs never boot;
/// the Secure Boot boot test boots a real one): the tree's files, the UKI's sections, sbverify with
/// the key set's db certificate (and not with another), and .pcrsig against systemd-measure sign.
/// </summary>
public sealed class BuildUkiTests(UkiKeySets keys) : IClassFixture<UkiKeySets>
{
    [Fact]
    public async Task Uki_tree_has_systemd_boot_the_signed_ukis_loader_config_and_the_keys_to_enroll()
    {
        SkipUnlessTools();
        using var root = UkiTools.TrustedRoot();
        var output = Directory.CreateTempSubdirectory("ks-uki-tree-").FullName;
        try
        {
            // act
            var result = await UkiTools.BuildUkiAsync($"dir:{root.Path}", "--keys", keys.Keys, "--output-dir", output, "--extra-cmdline", "rd.debug foo=bar", "--single-efi-cmdline", "Reset: kairos.reset", "--secure-boot-enroll", "force");

            // assert
            Assert.True(result.Code == 0, result.Error);
            string[] expected =
            [
                "EFI/BOOT/BOOTX64.EFI", "EFI/kairos/norole.efi", "EFI/kairos/norole_rd.debug_foo_bar.efi", "EFI/kairos/norole_Reset.efi",
                "loader/entries/norole.conf", "loader/entries/norole_Reset.conf", "loader/entries/norole_rd.debug_foo_bar.conf",
                "loader/keys/auto/KEK.auth", "loader/keys/auto/PK.auth", "loader/keys/auto/db.auth", "loader/loader.conf",
            ];
            Assert.Equal(expected.Order(StringComparer.Ordinal), Directory.GetFiles(output, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(output, f)).Order(StringComparer.Ordinal));
            var loader = await File.ReadAllTextAsync(Path.Combine(output, "loader/loader.conf"), TestContext.Current.CancellationToken);
            Assert.Contains("secure-boot-enroll force\n", loader);
            Assert.Contains("default norole.conf", loader);
            Assert.Contains("efi /EFI/kairos/norole_Reset.efi", await File.ReadAllTextAsync(Path.Combine(output, "loader/entries/norole_Reset.conf"), TestContext.Current.CancellationToken));
            Assert.Equal(await File.ReadAllBytesAsync(Path.Combine(keys.Keys, "db.auth"), TestContext.Current.CancellationToken), await File.ReadAllBytesAsync(Path.Combine(output, "loader/keys/auto/db.auth"), TestContext.Current.CancellationToken));

            var layout = UkiLayout.Load(new Kairos.Stages.FrontEnd.Sources.EmbeddedStageSource());
            var uki = Path.Combine(output, "EFI/kairos/norole.efi");
            Assert.Equal(layout.Cmdline, Encoding.UTF8.GetString(UkiTools.Section(uki, ".cmdline")!));
            Assert.Equal(layout.Cmdline + " rd.debug foo=bar", Encoding.UTF8.GetString(UkiTools.Section(Path.Combine(output, "EFI/kairos/norole_rd.debug_foo_bar.efi"), ".cmdline")!));
            Assert.Equal("6.1.0-1-amd64", Encoding.UTF8.GetString(UkiTools.Section(uki, ".uname")!));
            Assert.Equal(await File.ReadAllBytesAsync(root.In("etc/os-release"), TestContext.Current.CancellationToken), UkiTools.Section(uki, ".osrel"));
            Assert.Equal(await File.ReadAllBytesAsync(root.In("boot/vmlinuz-6.1.0-1-amd64"), TestContext.Current.CancellationToken), UkiTools.Section(uki, ".linux"));
            var sbat = Encoding.UTF8.GetString(UkiTools.Section(uki, ".sbat")!);
            Assert.StartsWith("sbat,1,", sbat);
            Assert.Contains("\nsystemd,1,", sbat);
            Assert.Contains("kairos,1,Kairos,kairos,v1.0.0,", sbat);
            Assert.Single(System.Text.RegularExpressions.Regex.Matches(sbat, "^sbat,", System.Text.RegularExpressions.RegexOptions.Multiline));

            foreach (var efi in new[] { uki, Path.Combine(output, "EFI/BOOT/BOOTX64.EFI") })
            {
                Assert.Contains("Signature verification OK", Run("sbverify", "--cert", Path.Combine(keys.Keys, "db.pem"), efi).Output);
                Assert.NotEqual(0, Run("sbverify", "--cert", Path.Combine(keys.Other, "db.pem"), efi).Code);
            }
        }
        finally
        {
            Directory.Delete(output, recursive: true);
        }
    }

    [Fact]
    public async Task Pcrsig_is_what_systemd_measure_sign_writes_for_the_same_sections_with_a_tpm()
    {
        SkipUnlessTools();
        if (!File.Exists("/usr/bin/swtpm") || !File.Exists("/usr/lib/x86_64-linux-gnu/libtss2-tcti-swtpm.so.0"))
        {
            Assert.Skip("needs swtpm and libtss2-tcti-swtpm0 (systemd-measure 252 signs only with a TPM at hand)");
        }

        using var root = UkiTools.TrustedRoot();
        var output = Directory.CreateTempSubdirectory("ks-uki-pcrsig-").FullName;
        try
        {
            var result = await UkiTools.BuildUkiAsync($"dir:{root.Path}", "--keys", keys.Keys, "--output-dir", output);
            Assert.True(result.Code == 0, result.Error);
            var uki = Path.Combine(output, "EFI/kairos/norole.efi");
            var sections = Path.Combine(output, "sections");
            Directory.CreateDirectory(sections);
            var args = new List<string> { "sign", "--bank=sha256", "--private-key=" + Path.Combine(keys.Keys, "tpm2-pcr-private.pem") };
            foreach (var name in new[] { "linux", "osrel", "cmdline", "initrd", "pcrpkey" })
            {
                var file = Path.Combine(sections, name);
                await File.WriteAllBytesAsync(file, UkiTools.Section(uki, "." + name)!, TestContext.Current.CancellationToken);
                args.Add($"--{name}={file}");
            }

            var layout = UkiLayout.Load(new Kairos.Stages.FrontEnd.Sources.EmbeddedStageSource());
            args.AddRange(layout.Phases.Select(p => "--phase=" + p));
            var state = Directory.CreateDirectory(Path.Combine(output, "tpm")).FullName;
            var port = 20000 + Random.Shared.Next(20000);
            using var swtpm = Process.Start("swtpm", ["socket", "--tpm2", "--tpmstate", $"dir={state}", "--server", $"type=tcp,port={port},bindaddr=127.0.0.1", "--ctrl", $"type=tcp,port={port + 1},bindaddr=127.0.0.1", "--flags", "startup-clear"])!;
            try
            {
                await Task.Delay(500, TestContext.Current.CancellationToken);
                args.Insert(1, $"--tpm2-device=swtpm:host=127.0.0.1,port={port}");
                var reference = Run([PcrPolicy.Measure, .. args]);
                Assert.True(reference.Code == 0, reference.Output);

                // assert: same PCR values, policies, key fingerprint and (PKCS#1 v1.5 is deterministic) signatures
                Assert.Equal(Normalise(reference.Output), Normalise(Encoding.UTF8.GetString(UkiTools.Section(uki, ".pcrsig")!)));
            }
            finally
            {
                swtpm.Kill();
                await swtpm.WaitForExitAsync(TestContext.Current.CancellationToken);
            }
        }
        finally
        {
            Directory.Delete(output, recursive: true);
        }
    }

    [Fact]
    public async Task Container_output_is_a_single_layer_oci_archive_of_the_tree_that_skopeo_and_umoci_read()
    {
        SkipUnlessTools();
        if (!File.Exists("/usr/bin/skopeo") || !File.Exists("/usr/bin/umoci"))
        {
            Assert.Skip("needs skopeo and umoci (build/install-deps.sh installs them)");
        }

        using var root = UkiTools.TrustedRoot();
        var output = Directory.CreateTempSubdirectory("ks-uki-container-").FullName;
        try
        {
            var result = await UkiTools.BuildUkiAsync($"dir:{root.Path}", "--keys", keys.Keys, "--output-type", "container", "--output-dir", output);
            Assert.True(result.Code == 0, result.Error);
            var archive = Path.Combine(output, FakeKairosRoot.IsoName + "-uki.tar");
            Assert.Equal(archive, result.Output.Trim());
            Assert.Equal([Path.GetFileName(archive)], IsoTools.Leftovers(output));

            var layout = Path.Combine(output, "layout");
            Assert.Equal(0, Run("skopeo", "copy", "--quiet", $"oci-archive:{archive}", $"oci:{layout}:uki").Code);
            var manifest = JsonDocument.Parse(Run("skopeo", "inspect", "--raw", $"oci:{layout}:uki").Output).RootElement;
            Assert.Equal(1, manifest.GetProperty("layers").GetArrayLength());
            var bundle = Path.Combine(output, "bundle");
            Assert.Equal(0, Run("umoci", "unpack", "--image", $"{layout}:uki", bundle).Code);
            var files = Directory.GetFiles(Path.Combine(bundle, "rootfs"), "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(Path.Combine(bundle, "rootfs"), f)).Order(StringComparer.Ordinal);
            Assert.Equal(["EFI/BOOT/BOOTX64.EFI", "EFI/kairos/norole.efi", "loader/entries/norole.conf", "loader/keys/auto/KEK.auth", "loader/keys/auto/PK.auth", "loader/keys/auto/db.auth", "loader/loader.conf"], files);
        }
        finally
        {
            Directory.Delete(output, recursive: true);
        }
    }

    [Fact]
    public void Policy_digest_of_pcr_11_matches_the_value_systemd_measure_252_printed()
    {
        // systemd-measure sign (252, swtpm) printed pol 9a7fb7a3… for PCR 11 = ec99ca3e…
        var policy = PcrPolicy.PolicyDigest(Convert.FromHexString("ec99ca3e70224417c033841b0934765fea341346cfd8d301b127c21e7c20a489"));
        Assert.Equal("9a7fb7a3b5aad45bb9146e34a5b1853267bd61859d5a87a98dd786ca7d40502f", Convert.ToHexStringLower(policy));
    }

    private static string Normalise(string json) => JsonSerializer.Serialize(JsonDocument.Parse(json).RootElement);

    private static void SkipUnlessTools()
    {
        if (UkiTools.Unavailable() is { } why)
        {
            Assert.Skip(why);
        }
    }

    private static (int Code, string Output) Run(params string[] command)
    {
        var result = Programs.Try(command);
        return (result.Code, result.Output + result.Error);
    }
}
