
namespace Kairos.Stages.Tests.Media;

/// <summary>Bad inputs to build-uki: a non-zero exit naming the cause, before any work, and nothing left in the output directory.</summary>
public sealed class BuildUkiBadInputTests(UkiKeySets keys) : IClassFixture<UkiKeySets>
{
    [Fact]
    public async Task Source_not_built_with_trusted_boot_exits_2_naming_the_key_and_the_command()
    {
        SkipUnlessTools();
        using var root = new FakeKairosRoot();
        await UkiBadInput.AssertFailsAsync([$"dir:{root.Path}", "--keys", keys.Keys], 2, "KAIROS_TRUSTED_BOOT in /etc/kairos-release is missing", "kairos-stages run --root ROOT -t true");
    }

    [Fact]
    public async Task Source_with_trusted_boot_false_exits_2()
    {
        SkipUnlessTools();
        using var root = UkiTools.TrustedRoot();
        root.Write("etc/kairos-release", FakeKairosRoot.Release + "KAIROS_TRUSTED_BOOT=\"false\"\n");
        await UkiBadInput.AssertFailsAsync([$"dir:{root.Path}", "--keys", keys.Keys], 2, "KAIROS_TRUSTED_BOOT in /etc/kairos-release is 'false'");
    }

    [Fact]
    public async Task Key_that_is_not_the_certificates_exits_2_naming_both_files()
    {
        SkipUnlessTools();
        using var root = UkiTools.TrustedRoot();
        var key = Path.Combine(keys.Other, "db.key");
        var cert = Path.Combine(keys.Keys, "db.pem");
        await UkiBadInput.AssertFailsAsync([$"dir:{root.Path}", "--sb-key", key, "--sb-cert", cert, "--tpm-pcr-private-key", Path.Combine(keys.Keys, "tpm2-pcr-private.pem")], 2, $"{key} and {cert} are not a pair");
    }

    [Fact]
    public async Task Signing_key_that_is_not_a_key_exits_2_naming_it()
    {
        SkipUnlessTools();
        using var root = UkiTools.TrustedRoot();
        var key = Path.Combine(Path.GetTempPath(), Path.GetRandomFileName() + ".key");
        await File.WriteAllTextAsync(key, "-----BEGIN CERTIFICATE-----\nbm90IGEga2V5\n-----END CERTIFICATE-----\n", TestContext.Current.CancellationToken);
        try
        {
            await UkiBadInput.AssertFailsAsync([$"dir:{root.Path}", "--sb-key", key, "--sb-cert", Path.Combine(keys.Keys, "db.pem"), "--tpm-pcr-private-key", Path.Combine(keys.Keys, "tpm2-pcr-private.pem")], 2, $"--sb-key {key}: not an unencrypted RSA private key in PEM");
        }
        finally
        {
            File.Delete(key);
        }
    }

    [Fact]
    public async Task Source_directory_that_does_not_exist_exits_2_naming_it()
    {
        SkipUnlessTools();
        var missing = Path.Combine(Path.GetTempPath(), Path.GetRandomFileName());
        await UkiBadInput.AssertFailsAsync([$"dir:{missing}", "--keys", keys.Keys], 2, $"directory '{missing}' does not exist");
    }

    [Fact]
    public async Task Signing_pair_the_enrolled_db_does_not_hold_exits_2_naming_db_auth()
    {
        SkipUnlessTools();
        using var root = UkiTools.TrustedRoot();
        await UkiBadInput.AssertFailsAsync(
            [$"dir:{root.Path}", "--sb-key", Path.Combine(keys.Other, "db.key"), "--sb-cert", Path.Combine(keys.Other, "db.pem"), "--tpm-pcr-private-key", Path.Combine(keys.Keys, "tpm2-pcr-private.pem"), "--public-keys", keys.Keys],
            2,
            $"{Path.Combine(keys.Keys, "db.auth")} does not hold {Path.Combine(keys.Other, "db.pem")}");
    }

    [Fact]
    public async Task Missing_key_file_exits_2_naming_it()
    {
        SkipUnlessTools();
        using var root = UkiTools.TrustedRoot();
        var copy = Directory.CreateTempSubdirectory("ks-uki-keys-copy-").FullName;
        try
        {
            foreach (var file in Directory.GetFiles(keys.Keys).Where(f => !f.EndsWith("tpm2-pcr-private.pem", StringComparison.Ordinal)))
            {
                File.Copy(file, Path.Combine(copy, Path.GetFileName(file)));
            }

            await UkiBadInput.AssertFailsAsync([$"dir:{root.Path}", "--keys", copy], 2, Path.Combine(copy, "tpm2-pcr-private.pem") + ": cannot read it");
        }
        finally
        {
            Directory.Delete(copy, recursive: true);
        }
    }

    [Fact]
    public async Task Unreadable_image_archive_exits_2_naming_it()
    {
        SkipUnlessTools();
        var archive = Path.Combine(Path.GetTempPath(), Path.GetRandomFileName() + ".tar");
        await File.WriteAllTextAsync(archive, "not a tar archive".PadRight(1024, '!'), TestContext.Current.CancellationToken);
        try
        {
            await UkiBadInput.AssertFailsAsync([$"ocifile:{archive}", "--keys", keys.Keys], 2, $"cannot read '{archive}' as a tar archive");
        }
        finally
        {
            File.Delete(archive);
        }
    }

    [Fact]
    public async Task If_safe_enrollment_is_refused_naming_systemd_boot_252()
    {
        SkipUnlessTools();
        using var root = UkiTools.TrustedRoot();
        await UkiBadInput.AssertFailsAsync([$"dir:{root.Path}", "--keys", keys.Keys, "--secure-boot-enroll", "if-safe"], 2, "if-safe needs systemd-boot 253 or later");
    }

    [Fact]
    public async Task Broken_loader_template_after_the_ukis_are_built_leaves_no_partial_output()
    {
        SkipUnlessTools();
        using var root = UkiTools.TrustedRoot();
        var stages = Directory.CreateTempSubdirectory("ks-uki-stages-").FullName;
        try
        {
            Assert.Equal(0, (await UkiTools.RunAsync(["stages", "export", stages])).Code);
            await File.WriteAllTextAsync(Path.Combine(stages, "uki/entry.conf"), "title {{ end }}\n", TestContext.Current.CancellationToken);
            await UkiBadInput.AssertFailsAsync([$"dir:{root.Path}", "--keys", keys.Keys, "--stages-dir", stages], 2, "entry.conf");
        }
        finally
        {
            Directory.Delete(stages, recursive: true);
        }
    }

    [Fact]
    public async Task No_space_for_the_iso_exits_1_and_leaves_nothing()
    {
        SkipUnlessTools();
        if (DebianRoot.Unavailable() is { } why)
        {
            Assert.Skip(why);
        }

        using var root = UkiTools.TrustedRoot();
        var output = Directory.CreateTempSubdirectory("ks-uki-full-").FullName;
        Programs.Run("mount", "-t", "tmpfs", "-o", "size=8m", "tmpfs", output);
        try
        {
            var result = await UkiTools.BuildUkiAsync($"dir:{root.Path}", "--keys", keys.Keys, "--output-type", "iso", "--output-dir", output);
            Assert.True(result.Code == 1, $"exit {result.Code}: {result.Error}");
            // xorriso checks the space first ("exceeds free space on media"); the other tools hit ENOSPC
            Assert.True(result.Error.Contains("No space left on device", StringComparison.Ordinal) || result.Error.Contains("exceeds free space", StringComparison.Ordinal), result.Error);
            Assert.Empty(IsoTools.Leftovers(output));
        }
        finally
        {
            Programs.Run("umount", output);
            Directory.Delete(output, recursive: true);
        }
    }

    private static void SkipUnlessTools()
    {
        if (UkiTools.Unavailable() is { } why)
        {
            Assert.Skip(why);
        }
    }
}
