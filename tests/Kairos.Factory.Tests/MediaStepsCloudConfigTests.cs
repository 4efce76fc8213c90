using Kairos.Factory.Builders;
using Kairos.Factory.Jobs;
using Kairos.Factory.Store;
using Kairos.Stages.Media.Uki;

namespace Kairos.Factory.Tests;

/// <summary>
/// The Factory's media step gives a Trusted Boot request's cloud-config to the UKI ISO: run in-process on a small
/// Trusted Boot root (its "kernel" is only bytes: nothing boots here) with a genkey'd key set as serve --uki-keys.
/// </summary>
public sealed class MediaStepsCloudConfigTests
{
    private const string CloudConfig = "#cloud-config\ninstall:\n  auto: true\n  device: auto\n";

    [Fact]
    public async Task Trusted_boot_iso_carries_the_requests_cloud_config_as_config_yaml()
    {
        if (Unavailable() is { } why)
        {
            Assert.Skip(why);
        }

        var scratch = Directory.CreateTempSubdirectory("ks-factory-uki-cc-").FullName;
        try
        {
            var root = TrustedRoot(Path.Combine(scratch, "root"));
            var keys = Path.Combine(scratch, "keys");
            await SecureBootKeys.GenerateAsync("factory-test", keys, 30, null, _ => { }, TestContext.Current.CancellationToken);
            var work = Directory.CreateDirectory(Path.Combine(scratch, "work")).FullName;
            var output = Directory.CreateDirectory(Path.Combine(scratch, "output")).FullName;
            var spec = MediaStageTests.Spec(trustedBoot: true, CloudConfig);
            var job = new JobRecord("job1", "running", null, spec, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow, null, null, null);
            var log = new JobLog(Path.Combine(scratch, "build.log"), job.Id, new LogHub(), new SecretMask([]));
            var processes = new JobProcesses("prefix:", job.Id, log, TestContext.Current.CancellationToken);
            var context = new BuildJobContext(job, work, output, processes, log, new FactoryOptions { DataDir = scratch, UkiKeysDir = keys });

            // act
            await new MediaSteps(context, TestContext.Current.CancellationToken).RunAsync("dir:" + root, null);

            // assert
            var iso = Path.Combine(output, "kairos-debian-12-core-amd64-generic-v1.0.0-uki.iso");
            Assert.True(File.Exists(iso), string.Join(", ", Directory.GetFiles(output)));
            var extracted = Path.Combine(scratch, "config.yaml");
            Programs.Run("xorriso", "-osirrox", "on", "-indev", iso, "-extract", "/config.yaml", extracted);
            Assert.Equal(CloudConfig, await File.ReadAllTextAsync(extracted, TestContext.Current.CancellationToken));
            Assert.Contains("cloud-config on the ISO as /config.yaml", await File.ReadAllTextAsync(Path.Combine(scratch, "build.log"), TestContext.Current.CancellationToken));
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
    }

    private static readonly string[] Tools = ["/usr/lib/systemd/boot/efi/linuxx64.efi.stub", "/usr/lib/systemd/systemd-measure", "/usr/bin/sbsign", "/usr/bin/sign-efi-sig-list", "/usr/bin/objcopy", "/usr/bin/mformat", "/usr/bin/xorriso"];

    private static string? Unavailable() =>
        Tools.Where(f => !File.Exists(f)).Select(f => $"needs {f} (build/install-deps.sh)").FirstOrDefault();

    /// <summary>The files build-uki reads from a Trusted Boot image, and nothing more.</summary>
    private static string TrustedRoot(string root)
    {
        (string Path, string Text)[] files =
        [
            ("etc/kairos-release", "KAIROS_FLAVOR=\"debian\"\nKAIROS_FLAVOR_RELEASE=\"12\"\nKAIROS_VARIANT=\"core\"\nKAIROS_MODEL=\"generic\"\nKAIROS_ARCH=\"amd64\"\nKAIROS_VERSION=\"v1.0.0\"\nKAIROS_TRUSTED_BOOT=\"true\"\n"),
            ("etc/os-release", "ID=debian\nVERSION_ID=\"12\"\n"),
            ("boot/vmlinuz-6.1.0-1-amd64", "not a kernel"),
            ("usr/bin/immucore", "#!/bin/sh\n"),
        ];
        foreach (var (path, text) in files)
        {
            var file = Path.Combine(root, path);
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            File.WriteAllText(file, text);
        }

        return root;
    }
}
