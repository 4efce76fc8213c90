using Kairos.Stages.Cli.Commands;

namespace Kairos.Stages.Tests.Cli;

public sealed class ArtifactsMirrorTests
{
    private static readonly string Debian12 = Path.Combine(AppContext.BaseDirectory, "debian-12-mirror.os-release");

    private static async Task<(int Code, string Output, string Error)> RunAsync(params string[] args)
    {
        await File.WriteAllTextAsync(Debian12, "ID=debian\nVERSION_ID=\"12\"\nPRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\n");
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await CliApp.RunAsync(args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task A_mirror_replaces_the_release_location_and_keeps_the_file_name()
    {
        var (code, output, _) = await RunAsync("artifacts", "list", "--os-release", Debian12, "--arch", "amd64", "-k", "k3s", "--artifacts-mirror", "http://127.0.0.1:8080/kairos/");

        Assert.Equal(0, code);
        var urls = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split('\t')[0]).ToList();
        Assert.Contains("http://127.0.0.1:8080/kairos/kairos-agent-v2.31.4-Linux-amd64.tar.gz", urls);
        Assert.Contains("http://127.0.0.1:8080/kairos/k3s", urls);
        Assert.All(urls, u => Assert.StartsWith("http://127.0.0.1:8080/kairos/", u, StringComparison.Ordinal));
        Assert.DoesNotContain("github.com", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_rendered_install_stage_downloads_from_the_mirror()
    {
        var (code, output, _) = await RunAsync("render", "--os-release", Debian12, "--arch", "amd64", "--version", "1.0.0", "--artifacts-mirror", "https://mirror.example/k", "kairosBinaries");

        Assert.Equal(0, code);
        Assert.Contains("https://mirror.example/k/immucore-", output, StringComparison.Ordinal);
        Assert.DoesNotContain("github.com", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ftp://mirror.example/k")]
    [InlineData("mirror.example/k")]
    [InlineData("http://mirror.example/k?x=1")]
    public async Task A_mirror_that_is_not_an_http_base_url_is_a_usage_error(string mirror)
    {
        var (code, _, error) = await RunAsync("artifacts", "list", "--os-release", Debian12, "--artifacts-mirror", mirror);

        Assert.Equal(2, code);
        Assert.Contains("--artifacts-mirror", error, StringComparison.Ordinal);
    }
}
