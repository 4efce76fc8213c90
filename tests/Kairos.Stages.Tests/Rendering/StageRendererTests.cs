using Kairos.Stages.FrontEnd.Diagnostics;
using Kairos.Stages.FrontEnd.Rendering;
using Kairos.Stages.FrontEnd.Sources;

namespace Kairos.Stages.Tests.Rendering;

public sealed class StageRendererTests
{
    private static readonly StageRenderer Renderer = StageRenderer.ForSource(new EmbeddedStageSource());

    private static RenderResult Render(string template, string sample = "ubuntu-24.04") =>
        Renderer.Render("stages/init/99-test.yaml", template, TestContexts.Create(sample));

    [Fact]
    public void Undefined_variable_reports_the_template_line_and_column()
    {
        // act
        var result = Render("step: test\nstages:\n  init:\n    - name: {{ distro_family }}\n");

        // assert
        Assert.Null(result.Text);
        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal(new SourceSpan("stages/init/99-test.yaml", 4, 16), diagnostic.Location);
        Assert.Equal(DiagnosticCodes.TemplateUndefined, diagnostic.Code);
        Assert.Contains("distro_family", diagnostic.Message);
    }

    [Fact]
    public void Undefined_member_is_an_error_too()
    {
        // act
        var result = Render("a: 1\nb: x{{ distro.nope }}\n");

        // assert
        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal((2, 15), (diagnostic.Location.Line, diagnostic.Location.Column));
        Assert.Equal(DiagnosticCodes.TemplateUndefined, diagnostic.Code);
    }

    [Fact]
    public void Syntax_error_reports_KS601_at_the_template_position()
    {
        // act
        var result = Render("a: 1\n{{ if }}\n");

        // assert
        Assert.Contains(result.Diagnostics, d => d.Code == DiagnosticCodes.TemplateError && d.Location.Line == 2);
    }

    [Fact]
    public void Core_build_has_empty_k8s_fields()
    {
        // act
        var result = Render("p: '{{ k8s.provider }}'\nv: '{{ k8s.version }}'\nvariant: {{ variant }}\n");

        // assert
        Assert.Equal("p: ''\nv: ''\nvariant: core\n", result.Text);
    }

    [Fact]
    public void Context_variables_are_visible()
    {
        // act
        var result = Render("{{ distro.id }} {{ distro.family }} {{ distro.version }} {{ distro.codename }} {{ distro.id_like | array.join ',' }} {{ arch }} {{ model }} {{ trusted_boot }} {{ fips }} {{ version }} {{ log_level }} {{ kairos.init_version }}");

        // assert
        Assert.Equal("ubuntu debian 24.04 noble debian amd64 generic false false v1.2.3 info 0.0.0-test", result.Text);
    }

    [Theory]
    [InlineData("ubuntu-24.04", "24.04", "24")]
    [InlineData("rocky-9", "9.5", "9")]
    [InlineData("alpine-3.21", "3.21", "3")]
    [InlineData("opensuse-tumbleweed", "20250101", "20250101")]
    public void Version_major_is_the_version_up_to_its_first_dot(string sample, string version, string major)
    {
        // act
        var result = Render("{{ distro.version }} {{ distro.version_major }}", sample);

        // assert
        Assert.Equal($"{version} {major}", result.Text);
    }

    [Fact]
    public void Yip_go_templates_survive_through_the_verbatim_block()
    {
        // act
        var result = Render("hostname: \"kairos-{%{{{ trunc 4 .Random }}}%}\"\nx: \"{{ \"{{\" }} .Values.x }}\"\n");

        // assert
        Assert.Equal("hostname: \"kairos-{{ trunc 4 .Random }}\"\nx: \"{{ .Values.x }}\"\n", result.Text);
    }

    [Fact]
    public void Whitespace_control_keeps_yaml_indentation()
    {
        // act
        var result = Render("install:\n  {{~ for p in [\"a\", \"b\"] ~}}\n  - {{ p }}\n  {{~ end ~}}\nnext: 1\n");

        // assert
        Assert.Equal("install:\n  - a\n  - b\nnext: 1\n", result.Text);
    }

    [Fact]
    public void Packages_function_returns_the_resolved_lists()
    {
        // act
        var result = Render("{{ packages \"kernel\" | array.join ' ' }}|{{ (packages \"base\") | array.size }}", "fedora-41");

        // assert
        Assert.Equal("kernel kernel-modules kernel-modules-extra|45", result.Text);
    }

    [Fact]
    public void Unknown_package_list_is_an_error_naming_the_list()
    {
        // act
        var result = Render("x: {{ packages \"firmware\" }}\n");

        // assert
        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Contains("firmware", diagnostic.Message);
        Assert.Equal(1, diagnostic.Location.Line);
    }

    [Theory]
    [InlineData(">=24.04", "true")]
    [InlineData("<24.04", "false")]
    [InlineData("20.04 || 24.04", "true")]
    [InlineData("!=5.4, !=5.5", "true")]
    [InlineData("common", "true")]
    public void Version_matches_checks_the_distro_version(string constraint, string expected)
    {
        // act
        var result = Render($"{{{{ version_matches \"{constraint}\" }}}}");

        // assert
        Assert.Equal(expected, result.Text);
    }

    [Theory]
    [InlineData("plain", "\"plain\"")]
    [InlineData("a \"q\" \\ b", "\"a \\\"q\\\" \\\\ b\"")]
    [InlineData("line\nbreak\t", "\"line\\nbreak\\t\"")]
    [InlineData("{{ x }}: y", "\"{{ x }}: y\"")]
    public void Yaml_quote_gives_a_double_quoted_scalar(string value, string expected)
    {
        // act and assert
        Assert.Equal(expected, YamlQuote.Quote(value));
    }

    [Fact]
    public void Yaml_quote_is_callable_from_templates_with_booleans()
    {
        // act
        var result = Render("{{ yaml_quote fips }} {{ yaml_quote distro.name }}");

        // assert
        Assert.Equal("\"false\" \"Ubuntu 24.04.3 LTS\"", result.Text);
    }
}
