using Kairos.Stages.FrontEnd.GoTemplates;
using Kairos.Stages.Tests.Actions;

namespace Kairos.Stages.Tests.Templates;

public sealed class RuntimeTemplatesTests
{
    [Fact]
    public void Values_come_from_the_target_root()
    {
        // arrange
        using var root = new TempRoot();
        root.Write("/etc/hostname", "builder\n").Write("/etc/machine-id", "0123456789abcdef\n").Mkdir("/lib/modules/6.1.0-13-amd64");
        var context = Contexts.For(new ScriptedTarget(root), Contexts.Distro("ubuntu", "Ubuntu 24.04.1 LTS", "24.04"));

        // act
        var text = context.Templates.Render(
            "{{.Values.node.hostname}} {{.Values.node.machineid}} {{.Values.os.name}} {{.Values.os.vendor}} {{.Values.os.version}} {{.Values.os.architecture}} {{.Values.kernel.release}} {{.Values.kernel.architecture}}");

        // assert
        Assert.Equal("builder 0123456789abcdef Ubuntu 24.04.1 LTS ubuntu 24.04 amd64 6.1.0-13-amd64 x86_64", text);
    }

    [Fact]
    public void Random_is_fresh_for_every_render_and_protected_id_is_an_hmac_of_the_machine_id()
    {
        // arrange
        using var root = new TempRoot();
        root.Write("/etc/machine-id", "abc\n");
        var templates = Contexts.For(new ScriptedTarget(root)).Templates;

        // act
        var first = templates.Render("{{ .Values.Random }}");
        var second = templates.Render("{{ .Values.Random }}");
        var protectedId = templates.Render("{{ .Values.ProtectedID }}");

        // assert
        Assert.Matches("^[0-9a-z]{32}$", first);
        Assert.NotEqual(first, second);
        Assert.Equal(TemplateRandom.ProtectedId("abc"), protectedId);
        Assert.Equal(64, protectedId.Length);
    }

    [Fact]
    public void A_template_error_keeps_the_original_text_and_warns()
    {
        // arrange
        using var root = new TempRoot();
        var templates = Contexts.For(new ScriptedTarget(root)).Templates;
        var warnings = new List<string>();

        // act
        var text = templates.Render("docker ps --format '{{.ID' && {{ if }}", warnings.Add);

        // assert
        Assert.Equal("docker ps --format '{{.ID' && {{ if }}", text);
        Assert.Single(warnings);
    }

    [Fact]
    public void Hostname_context_has_uuid_random_machine_id_and_no_values()
    {
        // act
        var name = HostnameTemplate.Render("metal-{{ trunc 4 .MachineID }}-{{ trunc 4 .Random }}", "f00dbabe");
        var uuid = HostnameTemplate.Render("{{ .UUID }}", "x");

        // assert
        Assert.Matches("^metal-f00d-[0-9a-z]{4}$", name);
        Assert.True(Guid.TryParse(uuid, out _));
        Assert.Throws<TemplateException>(() => HostnameTemplate.Render("{{ .Values.node.hostname }}", "x"));
    }
}
