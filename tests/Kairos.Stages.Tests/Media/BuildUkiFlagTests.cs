using System.Text;
using Kairos.Stages.FrontEnd.Sources;
using Kairos.Stages.Media.Uki;

namespace Kairos.Stages.Tests.Media;

/// <summary>
/// AuroraBoot's build-uki flags beyond the basic ones, on the bytes and the tree: the loader entries' version
/// and cmdline keys, the image's own systemd-boot, the cloud-config on the UKI ISO, and --cmd-lines-v2's refusal.
/// </summary>
public sealed class BuildUkiFlagTests(UkiKeySets keys) : IClassFixture<UkiKeySets>
{
    private const string StubDir = "usr/lib/systemd/boot/efi";

    [Fact]
    public async Task Include_version_and_cmdline_add_those_keys_to_each_entry_and_only_with_the_flags()
    {
        SkipUnlessTools();
        using var root = UkiTools.TrustedRoot();
        var with = Directory.CreateTempSubdirectory("ks-uki-entries-").FullName;
        var without = Directory.CreateTempSubdirectory("ks-uki-entries-").FullName;
        try
        {
            // act
            var result = await UkiTools.BuildUkiAsync($"dir:{root.Path}", "--keys", keys.Keys, "--output-dir", with, "--extra-cmdline", "rd.debug foo=bar", "--single-efi-cmdline", "Reset: kairos.reset", "--include-version-in-config", "--include-cmdline-in-config");
            var plain = await UkiTools.BuildUkiAsync($"dir:{root.Path}", "--keys", keys.Keys, "--output-dir", without, "--extra-cmdline", "rd.debug foo=bar");

            // assert
            Assert.True(result.Code == 0, result.Error);
            Assert.True(plain.Code == 0, plain.Error);
            Assert.Equal("title Kairos\nsort-key 00-norole\nefi /EFI/kairos/norole.efi\nversion v1.0.0\n", Entry(with, "norole"));
            Assert.Equal("title Kairos (rd.debug foo=bar)\nsort-key 01-norole_rd.debug_foo_bar\nefi /EFI/kairos/norole_rd.debug_foo_bar.efi\nversion v1.0.0\ncmdline rd.debug foo=bar\n", Entry(with, "norole_rd.debug_foo_bar"));
            Assert.EndsWith("version v1.0.0\ncmdline kairos.reset\n", Entry(with, "norole_Reset"));
            Assert.Equal("title Kairos\nsort-key 00-norole\nefi /EFI/kairos/norole.efi\n", Entry(without, "norole"));
            Assert.DoesNotContain("cmdline", Entry(without, "norole_rd.debug_foo_bar"));

            // the entries only describe: the signed command line is the UKI's own
            var layout = UkiLayout.Load(new EmbeddedStageSource());
            Assert.Equal(layout.Cmdline + " rd.debug foo=bar", Encoding.UTF8.GetString(UkiTools.Section(Path.Combine(with, "EFI/kairos/norole_rd.debug_foo_bar.efi"), ".cmdline")!));
        }
        finally
        {
            Directory.Delete(with, recursive: true);
            Directory.Delete(without, recursive: true);
        }
    }

    [Fact]
    public async Task Sdboot_in_source_builds_on_the_images_stub_and_boot_manager_not_the_hosts()
    {
        SkipUnlessTools();
        using var root = UkiTools.TrustedRoot();
        var layout = UkiLayout.Load(new EmbeddedStageSource());
        Directory.CreateDirectory(root.In(StubDir));

        // the image's copies differ from the host's by one byte past the end of the stub's .sbat text, so the output shows which was used
        var stub = await File.ReadAllBytesAsync(layout.Stub, TestContext.Current.CancellationToken);
        var boot = await File.ReadAllBytesAsync(layout.SystemdBoot, TestContext.Current.CancellationToken);
        var marked = MarkSbat(stub);
        await File.WriteAllBytesAsync(root.In(StubDir + "/linuxx64.efi.stub"), marked, TestContext.Current.CancellationToken);
        await File.WriteAllBytesAsync(root.In(StubDir + "/systemd-bootx64.efi"), boot, TestContext.Current.CancellationToken);
        var output = Directory.CreateTempSubdirectory("ks-uki-sdboot-").FullName;
        try
        {
            // act
            var result = await UkiTools.BuildUkiAsync($"dir:{root.Path}", "--keys", keys.Keys, "--output-dir", output, "--sdboot-in-source");

            // assert
            Assert.True(result.Code == 0, result.Error);
            var sbat = Encoding.UTF8.GetString(UkiTools.Section(Path.Combine(output, "EFI/kairos/norole.efi"), ".sbat")!);
            Assert.Contains("image-copy,1,", sbat);
            Assert.Contains("systemd-stub 252 + sections", result.Error);
            Assert.Contains("Signature verification OK", Programs.Run("sbverify", "--cert", Path.Combine(keys.Keys, "db.pem"), Path.Combine(output, "EFI/BOOT/BOOTX64.EFI")));
        }
        finally
        {
            Directory.Delete(output, recursive: true);
        }
    }

    [Fact]
    public async Task Sdboot_in_source_without_systemd_boot_in_the_image_exits_2_naming_the_path()
    {
        SkipUnlessTools();
        using var root = UkiTools.TrustedRoot();
        await UkiBadInput.AssertFailsAsync([$"dir:{root.Path}", "--keys", keys.Keys, "--sdboot-in-source"], 2, "--sdboot-in-source: the image has no /usr/lib/systemd/boot/efi/linuxx64.efi.stub");
    }

    [Fact]
    public async Task Sdboot_in_source_of_another_systemd_version_exits_2_naming_both_versions()
    {
        SkipUnlessTools();
        using var root = UkiTools.TrustedRoot();
        var layout = UkiLayout.Load(new EmbeddedStageSource());
        Directory.CreateDirectory(root.In(StubDir));
        var stub = await File.ReadAllBytesAsync(layout.Stub, TestContext.Current.CancellationToken);
        await File.WriteAllBytesAsync(root.In(StubDir + "/linuxx64.efi.stub"), Replace(stub, "LoaderInfo: systemd-stub 252", "LoaderInfo: systemd-stub 257"), TestContext.Current.CancellationToken);
        File.Copy(layout.SystemdBoot, root.In(StubDir + "/systemd-bootx64.efi"));
        await UkiBadInput.AssertFailsAsync([$"dir:{root.Path}", "--keys", keys.Keys, "--sdboot-in-source"], 2, "is systemd-stub 257, this machine's systemd-measure is 252");
    }

    [Fact]
    public async Task Cmd_lines_v2_exits_2_naming_systemd_257_and_252_before_any_work()
    {
        SkipUnlessTools();
        using var root = UkiTools.TrustedRoot();
        await UkiBadInput.AssertFailsAsync([$"dir:{root.Path}", "--keys", keys.Keys, "--cmd-lines-v2", "--extra-cmdline", "rd.debug"], 2, "needs systemd-stub and systemd-boot 257 or later", "systemd-boot-efi 252");
    }

    [Fact]
    public async Task Cloud_config_lands_on_the_uki_iso_as_config_yaml_beside_efiboot_img()
    {
        SkipUnlessTools();
        using var root = UkiTools.TrustedRoot();
        var output = Directory.CreateTempSubdirectory("ks-uki-cc-").FullName;
        var config = Path.Combine(output, "..", Path.GetRandomFileName() + ".yaml");
        const string text = "#cloud-config\ninstall:\n  auto: true\n  device: auto\n";
        await File.WriteAllTextAsync(config, text, TestContext.Current.CancellationToken);
        try
        {
            // act
            var result = await UkiTools.BuildUkiAsync($"dir:{root.Path}", "--keys", keys.Keys, "--output-type", "iso", "--output-dir", output, "--name", "cc", "--cloud-config", config);

            // assert
            Assert.True(result.Code == 0, result.Error);
            var iso = Path.Combine(output, "cc.iso");
            var listing = Programs.Run("xorriso", "-indev", iso, "-find", "/", "-type", "f");
            Assert.Contains("'/config.yaml'", listing);
            Assert.Contains("'/efiboot.img'", listing);
            var extracted = Path.Combine(output, "config.extracted");
            Programs.Run("xorriso", "-osirrox", "on", "-indev", iso, "-extract", "/config.yaml", extracted);
            Assert.Equal(text, await File.ReadAllTextAsync(extracted, TestContext.Current.CancellationToken));
        }
        finally
        {
            Directory.Delete(output, recursive: true);
            File.Delete(config);
        }
    }

    [Fact]
    public async Task Cloud_config_with_a_tree_output_or_unreadable_exits_2()
    {
        SkipUnlessTools();
        using var root = UkiTools.TrustedRoot();
        var config = Path.Combine(Path.GetTempPath(), Path.GetRandomFileName() + ".yaml");
        await File.WriteAllTextAsync(config, "#cloud-config\n", TestContext.Current.CancellationToken);
        try
        {
            await UkiBadInput.AssertFailsAsync([$"dir:{root.Path}", "--keys", keys.Keys, "--cloud-config", config], 2, "--cloud-config puts config.yaml on the ISO: use it with --output-type iso");
            var missing = config + ".missing";
            await UkiBadInput.AssertFailsAsync([$"dir:{root.Path}", "--keys", keys.Keys, "--output-type", "iso", "--cloud-config", missing], 2, $"--cloud-config {missing}: cannot read it");
        }
        finally
        {
            File.Delete(config);
        }
    }

    private static string Entry(string tree, string name) => File.ReadAllText(Path.Combine(tree, "loader/entries", name + ".conf"));

    /// <summary>The stub with the first letters of its .sbat's second line replaced, so that line reads "image-copy,1,…".</summary>
    private static byte[] MarkSbat(byte[] stub)
    {
        var text = Encoding.Latin1.GetString(stub);
        var at = text.IndexOf("\nsystemd,1,", StringComparison.Ordinal);
        Assert.True(at > 0, "the host's stub has no systemd SBAT line");
        var copy = (byte[])stub.Clone();
        Encoding.ASCII.GetBytes("\nimage-copy,1,").CopyTo(copy, at);
        return copy;
    }

    private static byte[] Replace(byte[] bytes, string from, string to)
    {
        var text = Encoding.Latin1.GetString(bytes);
        Assert.Contains(from, text);
        return Encoding.Latin1.GetBytes(text.Replace(from, to, StringComparison.Ordinal));
    }

    private static void SkipUnlessTools()
    {
        if (UkiTools.Unavailable() is { } why)
        {
            Assert.Skip(why);
        }
    }
}
