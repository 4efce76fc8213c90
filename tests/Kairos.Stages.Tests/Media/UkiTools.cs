using Kairos.Stages.Cli.Commands;

namespace Kairos.Stages.Tests.Media;

/// <summary>Runs genkey and build-uki in-process; says why UKI tests cannot run on a machine without the tools.</summary>
internal static class UkiTools
{
    private static readonly string[] Files =
    [
        "/usr/lib/systemd/boot/efi/linuxx64.efi.stub", "/usr/lib/systemd/boot/efi/systemd-bootx64.efi", "/usr/lib/systemd/systemd-measure",
        "/usr/bin/sbsign", "/usr/bin/sbverify", "/usr/bin/cert-to-efi-sig-list", "/usr/bin/sign-efi-sig-list", "/usr/bin/objcopy", "/usr/bin/mformat", "/usr/bin/xorriso",
    ];

    /// <summary>Why UKI tests cannot run here (a tool missing), or null.</summary>
    public static string? Unavailable() =>
        Files.Where(f => !File.Exists(f)).Select(f => $"needs {f} (build/install-deps.sh installs systemd-boot-efi, sbsigntool, efitools, binutils, mtools, xorriso)").FirstOrDefault();

    public static Task<(int Code, string Output, string Error)> GenkeyAsync(params string[] args) => RunAsync(["genkey", .. args]);

    public static Task<(int Code, string Output, string Error)> BuildUkiAsync(params string[] args) => RunAsync(["build-uki", .. args]);

    /// <summary>A fake root made a Trusted Boot image: KAIROS_TRUSTED_BOOT=true and an immucore for /init.</summary>
    public static FakeKairosRoot TrustedRoot()
    {
        var root = new FakeKairosRoot();
        root.Write("etc/kairos-release", FakeKairosRoot.Release + "KAIROS_TRUSTED_BOOT=\"true\"\n");
        root.Write("usr/bin/immucore", "#!/bin/sh\n");
        return root;
    }

    /// <summary>The bytes of one section of a PE file (the UKI), or null when it has none.</summary>
    public static byte[]? Section(string file, string name)
    {
        using var stream = File.OpenRead(file);
        using var pe = new System.Reflection.PortableExecutable.PEReader(stream);
        var header = pe.PEHeaders.SectionHeaders.FirstOrDefault(s => s.Name == name);
        if (header.Name != name)
        {
            return null;
        }

        var bytes = new byte[Math.Min(header.VirtualSize, header.SizeOfRawData)];
        stream.Position = header.PointerToRawData;
        stream.ReadExactly(bytes);
        return bytes;
    }

    public static async Task<(int Code, string Output, string Error)> RunAsync(string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await CliApp.RunAsync(args, output, error);
        return (code, output.ToString(), error.ToString());
    }
}

/// <summary>One genkey key set and a second, unrelated one, shared by the UKI tests of a class (RSA key generation takes seconds).</summary>
public sealed class UkiKeySets : IAsyncLifetime
{
    public string Directory { get; } = System.IO.Directory.CreateTempSubdirectory("ks-uki-keys-").FullName;

    public string Keys => Path.Combine(Directory, "keys");

    public string Other => Path.Combine(Directory, "other");

    public async ValueTask InitializeAsync()
    {
        if (UkiTools.Unavailable() is not null)
        {
            return;
        }

        foreach (var (name, dir) in new[] { ("test", Keys), ("other", Other) })
        {
            var result = await UkiTools.GenkeyAsync(name, "--output", dir);
            Assert.True(result.Code == 0, result.Error);
        }
    }

    public ValueTask DisposeAsync()
    {
        System.IO.Directory.Delete(Directory, recursive: true);
        return ValueTask.CompletedTask;
    }
}

/// <summary>The bad-input check shared by the build-uki test classes.</summary>
internal static class UkiBadInput
{
    /// <summary>Runs build-uki with <paramref name="args"/> into a fresh --output-dir: asserts the exit code (any non-zero when null), each message in stderr, and nothing left in the output directory.</summary>
    public static async Task AssertFailsAsync(string[] args, int? code, params string[] messages)
    {
        var output = Directory.CreateTempSubdirectory("ks-uki-bad-").FullName;
        try
        {
            var result = await UkiTools.BuildUkiAsync([.. args, "--output-dir", output]);
            if (code is { } expected)
            {
                Assert.True(result.Code == expected, $"exit {result.Code}: {result.Error}");
            }
            else
            {
                Assert.NotEqual(0, result.Code);
            }

            foreach (var message in messages)
            {
                Assert.Contains(message, result.Error);
            }

            Assert.Empty(IsoTools.Leftovers(output));
        }
        finally
        {
            Directory.Delete(output, recursive: true);
        }
    }
}
