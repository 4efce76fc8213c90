using Kairos.Stages.Cli.Commands;

namespace Kairos.Stages.Tests.Cli;

public sealed class ArtifactsCommandTests
{
    private static readonly string Debian12 = Path.Combine(AppContext.BaseDirectory, "debian-12.os-release");

    private static async Task<(int Code, string Output)> RunAsync(params string[] args)
    {
        await File.WriteAllTextAsync(Debian12, "ID=debian\nVERSION_ID=\"12\"\nPRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\n");
        var output = new StringWriter();
        var code = await CliApp.RunAsync(args, output, new StringWriter());
        return (code, output.ToString());
    }

    [Fact]
    public async Task Core_build_needs_the_kairos_binaries_and_no_kubernetes()
    {
        var (code, output) = await RunAsync("artifacts", "list", "--os-release", Debian12, "--arch", "amd64");

        Assert.Equal(0, code);
        Assert.Contains("kairos-agent-v2.31.4-Linux-amd64.tar.gz\t/usr/bin/kairos-agent\tkairos-agent", output);
        Assert.DoesNotContain("k3s", output);
    }

    [Fact]
    public async Task Standard_k3s_build_also_needs_provider_edgevpn_and_k3s()
    {
        var (code, output) = await RunAsync("artifacts", "list", "--os-release", Debian12, "--arch", "arm64", "-k", "k3s");

        Assert.Equal(0, code);
        Assert.Contains("/system/providers/agent-provider-kairos", output);
        Assert.Contains("/usr/bin/edgevpn", output);
        Assert.Contains("/usr/bin/k3s", output);
        Assert.DoesNotContain("amd64", output);
    }

    [Fact]
    public async Task Fetch_without_dest_is_a_usage_error()
    {
        var (code, _) = await RunAsync("artifacts", "fetch", "--os-release", Debian12);

        Assert.Equal(2, code);
    }
}
