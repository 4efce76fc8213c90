using Kairos.Stages.FrontEnd.GoTemplates;

namespace Kairos.Stages.Tests.Templates;

public sealed class GoTemplateTests
{
    private static readonly Dictionary<string, object?> Data = new(StringComparer.Ordinal)
    {
        ["Values"] = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["os"] = new Dictionary<string, object?>(StringComparer.Ordinal) { ["name"] = "Ubuntu 24.04 LTS", ["architecture"] = "amd64" },
            ["Random"] = "abcdefghij",
            ["big"] = 1000000.0,
            ["small"] = 12.5,
        },
    };

    [Theory]
    [InlineData("echo {{.Values.os.architecture}}", "echo amd64")]
    [InlineData("{{ .Values.os.name }}", "Ubuntu 24.04 LTS")]
    [InlineData("{{ .Values.missing }}", "<no value>")]
    [InlineData("{{ .Values.missing.deeper }}", "<no value>")]
    [InlineData("{{ .ID }}", "<no value>")]
    [InlineData("kairos-{{ trunc 4 .Values.Random }}", "kairos-abcd")]
    [InlineData("{{ .Values.Random | trunc 3 }}", "abc")]
    [InlineData("{{ trunc -2 .Values.Random }}", "ij")]
    [InlineData("{{ .Values.os.name | lower | replace \" \" \"-\" }}", "ubuntu-24.04-lts")]
    [InlineData("{{ upper \"x\" }}", "X")]
    [InlineData("{{ trim \"  y \" }}", "y")]
    [InlineData("{{ .Values.missing | default \"fallback\" }}", "fallback")]
    [InlineData("{{ default \"d\" .Values.os.name }}", "Ubuntu 24.04 LTS")]
    [InlineData("{{ quote .Values.os.architecture }}", "\"amd64\"")]
    [InlineData("{{ (trunc 2 .Values.Random) | upper }}", "AB")]
    [InlineData("a  {{- \"b\" -}}  \n c", "abc")]
    [InlineData("{{/* a comment */}}x", "x")]
    [InlineData("{{ 42 }} {{ true }} {{ `raw\\n` }}", "42 true raw\\n")]
    [InlineData("{{ .Values.big }} {{ .Values.small }}", "1e+06 12.5")]
    [InlineData("no actions at all", "no actions at all")]
    [InlineData("docker ps --format '{{\"{{\"}}.ID{{\"}}\"}}'", "docker ps --format '{{.ID}}'")]
    [InlineData("{{ \"a}}b\" }}", "a}}b")]
    public void Renders_the_go_template_subset(string template, string expected)
    {
        // act
        var text = GoTemplate.Render(template, Data);

        // assert
        Assert.Equal(expected, text);
    }

    [Theory]
    [InlineData("{{ .Values.os.name")]
    [InlineData("{{ nosuchfunction 1 }}")]
    [InlineData("{{ if .Values }}x{{ end }}")]
    [InlineData("{{ $x := 1 }}")]
    [InlineData("{{ .Values.os.name.first }}")]
    [InlineData("{{ trunc \"4\" .Values.Random }}")]
    [InlineData("{{ .Values.missing | lower }}")]
    [InlineData("{{ .Values.os.name 3 }}")]
    public void Rejects_what_go_rejects(string template)
    {
        // act + assert
        Assert.Throws<TemplateException>(() => GoTemplate.Render(template, Data));
    }

    [Fact]
    public void Struct_data_makes_unknown_fields_an_error()
    {
        // arrange
        var data = new TemplateStruct(new Dictionary<string, object?>(StringComparer.Ordinal) { ["Random"] = "xyz" });

        // act + assert
        Assert.Equal("xy", GoTemplate.Render("{{ trunc 2 .Random }}", data));
        Assert.Throws<TemplateException>(() => GoTemplate.Render("{{ .Values }}", data));
    }
}
