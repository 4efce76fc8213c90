using Kairos.Factory.Tests.Support;

namespace Kairos.Factory.Tests.Hardening;

/// <summary>
/// Issue 25, item 5: one masking rule (the engine's secret keys and redaction) for the log and the failure message,
/// masking secrets as whole values: <c>passwd: kairos</c> leaves <c>kairos-stages</c> readable instead of spelling the
/// password out as <c>***-stages</c>.
/// </summary>
public sealed class MaskingTests
{
    private const string CloudConfig = """
        #cloud-config
        users:
        - name: kairos
          passwd: kairos
        stages:
          boot:
          - environment:
              REGISTRY_CREDENTIAL: hunter22-credential
        """;

    [Fact]
    public async Task Secrets_echoed_by_a_failing_step_are_masked_in_the_message_and_the_log_by_whole_value()
    {
        using var dataDirRoot = new TempRoot("kf-mask-");
        var dataDir = dataDirRoot.Path;
        using var server = await ServerBuilds.StartReadyAsync(dataDir, ServerBuilds.Flags("stages-leak.sh"));
        var id = await server.CreateAsync(Requests.Upload(await server.UploadAsync()) with { CloudConfig = CloudConfig + "\n" });

        var job = await server.WaitForAsync(id, "failed");
        var log = await server.Client.GetStringAsync($"/api/v1/builds/{id}/logs");

        foreach (var shown in new[] { job.Message!, log })
        {
            Assert.DoesNotContain("hunter22", shown, StringComparison.Ordinal);
            Assert.DoesNotContain("abcdef123456", shown, StringComparison.Ordinal);
            Assert.DoesNotContain("password kairos", shown, StringComparison.Ordinal);
            Assert.DoesNotContain("***-stages", shown, StringComparison.Ordinal);
        }

        Assert.Contains("credential in use: ***", job.Message, StringComparison.Ordinal);
        Assert.Contains("logging in as *** with password ***", log, StringComparison.Ordinal);
        Assert.Contains("fixture kairos-stages run", log, StringComparison.Ordinal);
        Assert.Contains("Authorization: Bearer ***", log, StringComparison.Ordinal);
    }
}
