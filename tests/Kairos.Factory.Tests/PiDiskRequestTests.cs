using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Kairos.Factory.Api;
using Kairos.Factory.Builders;
using Kairos.Factory.Tests.Support;
using Kairos.Stages.FrontEnd.Sources;
using Kairos.Stages.Image.Requests;
using Kairos.Stages.Media;
using Kairos.Stages.Media.Disk;

namespace Kairos.Factory.Tests;

/// <summary>
/// Issue 32: a Raspberry Pi model's request makes the Pi disk (raw_efi, <c>build-disk --model</c>) and the archives;
/// every other output is refused when the request arrives, naming the field, by the rule GET /config serves the page
/// (<see cref="OutputKinds.ForBoards"/>), which agrees with what build-disk itself refuses for a Pi.
/// </summary>
public sealed class PiDiskRequestTests : IDisposable
{
    private const string EnabledHandler = "enabled\ninterpreter /usr/libexec/qemu-binfmt/aarch64-binfmt-P\nflags: PF\noffset 0\n";

    // this machine says it runs arm64 programs, so only the model and outputs decide
    private readonly TempRoot _binfmt = new("kf-binfmt-");
    private readonly TempRoot _keys = new("kf-keys-");

    public PiDiskRequestTests() => File.WriteAllText(Path.Combine(_binfmt.Path, "qemu-aarch64"), EnabledHandler);

    [Theory]
    [InlineData("rpi4", "iso", false)]
    [InlineData("rpi3", "iso", false)]
    [InlineData("rpi4", "netboot", false)]
    [InlineData("rpi4", "raw_bios", false)]
    [InlineData("rpi4", "vhd", false)]
    [InlineData("rpi3", "gce", false)]
    [InlineData("rpi4", "maas", false)]
    [InlineData("rpi4", "uki", true)]
    [InlineData("rpi4", "uki-container", true)]
    public async Task An_output_a_Pi_does_not_boot_is_a_400_naming_the_artifact_and_nothing_is_queued(string model, string output, bool trustedBoot)
    {
        using var host = Host();

        using var response = await PostAsync(host, "arm64", model, trustedBoot, output);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var messages = string.Join('\n', problem.GetProperty("errors").GetProperty("artifacts." + output).EnumerateArray().Select(m => m.GetString()));
        Assert.Contains($"a {model} image boots from the Pi's firmware and U-Boot", messages, StringComparison.Ordinal);
        Assert.Contains("raw_efi is the Pi disk", messages, StringComparison.Ordinal);
        Assert.Equal(0, (await host.Client.GetFromJsonAsync<JobList>("/api/v1/builds", FactoryHost.Json))!.Total);
    }

    [Fact]
    public async Task A_Pi_model_on_amd64_is_a_400_naming_the_model_field_alone()
    {
        using var host = Host();

        using var response = await PostAsync(host, "amd64", "rpi4", false, "raw_efi");
        var errors = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("errors");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["model"], errors.EnumerateObject().Select(error => error.Name));
        Assert.Contains("'rpi4' is not a model for amd64 (models: generic)", errors.GetProperty("model")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_server_takes_exactly_the_outputs_config_serves_for_each_arm64_model()
    {
        // arrange: the served rule, which the page applies to its output boxes
        using var host = Host();
        var config = (await host.Client.GetFromJsonAsync<ConfigView>("/api/v1/config", FactoryHost.Json))!;
        var served = config.Rules.Outputs.ToDictionary(rule => rule.Name, rule => rule.Models);

        // act + assert: every output alone, for every arm64 model, with Trusted Boot where the output needs it
        Assert.Equal(["generic"], served["iso"]);
        Assert.Equal(["generic", "rpi3", "rpi4"], served["raw_efi"]);
        foreach (var model in config.Models["arm64"])
        {
            foreach (var rule in config.Rules.Outputs)
            {
                using var response = await PostAsync(host, "arm64", model, rule.TrustedBoot == "only", rule.Name);
                Assert.True(served[rule.Name].Contains(model) == response.IsSuccessStatusCode, $"{model} {rule.Name}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            }
        }

        Assert.Equal(["oci", "raw_efi", "rootfs"], served.Where(pair => pair.Value.Contains("rpi4")).Select(pair => pair.Key).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_served_Pi_rule_is_what_build_disk_refuses_for_a_Pi_model()
    {
        // build-disk's own check (RpiBoot.Model, run before any work) on each disk output's firmware and format
        var layout = DiskLayout.Load(new EmbeddedStageSource());
        foreach (var (name, firmware, format) in MediaStage.Disks)
        {
            var options = new DiskBuildOptions { Source = "dir:/rootfs", Model = "rpi4", Firmware = firmware, Format = format };
            var refused = Record.Exception(() => RpiBoot.Model(options, layout.Rpi, KairosReleaseFile.Parse(""), "arm64"));

            Assert.True(OutputKinds.MakesFor("rpi4", name) == (refused is null), $"{name}: build-disk said {refused?.Message ?? "yes"}");
        }
    }

    public void Dispose()
    {
        _binfmt.Dispose();
        _keys.Dispose();
    }

    private FactoryHost Host() => new(options => options with { BinfmtDir = _binfmt.Path, UkiKeysDir = _keys.Path });

    private static Task<HttpResponseMessage> PostAsync(FactoryHost host, string architecture, string model, bool trustedBoot, string output) =>
        host.Authorized.PostAsync("/api/v1/builds", new StringContent(
            $$$"""{"image":"localhost/debian:12","version":"1.0.0","architecture":"{{{architecture}}}","model":"{{{model}}}","builder":"fixture","trusted_boot":{{{(trustedBoot ? "true" : "false")}}},"artifacts":{"{{{output}}}":true}}""",
            Encoding.UTF8,
            "application/json"));
}
