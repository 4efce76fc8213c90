using Kairos.Stages.FrontEnd.Diagnostics;
using Kairos.Stages.FrontEnd.Loading;
using Kairos.Stages.FrontEnd.Model;

namespace Kairos.Stages.Tests.Loading;

public sealed class DecodingTests
{
    private static LoadResult Load(string yaml, LoadOptions? options = null) =>
        StageFileLoader.Load("test.yaml", yaml, options ?? LoadOptions.Strict);

    private static Step FirstStep(string stepYaml)
    {
        var result = Load("stages:\n  init:\n    - " + stepYaml.Replace("\n", "\n      ", StringComparison.Ordinal) + "\n");
        Assert.False(result.HasErrors, string.Join("\n", result.Diagnostics));
        return result.File!.Stages[0].Steps[0];
    }

    [Theory]
    [InlineData("0644", 420u)]
    [InlineData("0o644", 420u)]
    [InlineData("0x1a4", 420u)]
    [InlineData("0b110100100", 420u)]
    [InlineData("0_644", 420u)]
    [InlineData("0755", 493u)]
    [InlineData("420.9", 420u)]
    public void Permissions_read_like_go_base_zero_integers(string written, uint expected)
    {
        // arrange / act
        var step = FirstStep($"files:\n  - path: /a\n    permissions: {written}");

        // assert
        Assert.Equal(expected, step.Files[0].Permissions);
    }

    [Fact]
    public void Bare_644_is_decimal_and_draws_a_warning()
    {
        // arrange / act
        var result = Load("stages:\n  init:\n    - files:\n        - path: /a\n          permissions: 644\n");

        // assert
        Assert.Equal(644u, result.File!.Stages[0].Steps[0].Files[0].Permissions);
        var warning = Assert.Single(result.Diagnostics);
        Assert.Equal((DiagnosticCodes.DecimalLookingMode, 5, 24), (warning.Code, warning.Location.Line, warning.Location.Column));
    }

    [Fact]
    public void Quoted_permissions_is_an_error_at_the_value()
    {
        // arrange / act
        var result = Load("stages:\n  init:\n    - files:\n        - path: /a\n          permissions: \"0644\"\n");

        // assert
        var error = Assert.Single(result.Diagnostics);
        Assert.Equal(DiagnosticCodes.QuotedNumber, error.Code);
        Assert.Equal(new SourceSpan("test.yaml", 5, 24), error.Location);
        Assert.Equal("permissions must be an unquoted number: write 0644, not \"0644\"", error.Message);
    }

    [Fact]
    public void String_fields_keep_the_source_text_of_any_scalar()
    {
        // arrange / act
        var step = FirstStep("hostname: 0x10\nenvironment:\n  FOO: 0\n  BAR: true\nusers:\n  kairos:\n    uid: 1000\n    passwd: 123");

        // assert
        Assert.Equal("0x10", step.Hostname);
        Assert.Equal([("FOO", "0"), ("BAR", "true")], step.Environment.Select(e => (e.Key, e.Value)));
        Assert.Equal(("1000", "123"), (step.Users[0].Uid, step.Users[0].Passwd));
    }

    [Theory]
    [InlineData("yes", true)]
    [InlineData("On", true)]
    [InlineData("n", false)]
    [InlineData("OFF", false)]
    [InlineData("true", true)]
    public void Bool_fields_accept_yaml_1_1_words_when_plain(string written, bool expected)
    {
        // arrange / act
        var step = FirstStep($"packages:\n  refresh: {written}\n  install: [vim]");

        // assert
        Assert.Equal(expected, step.Packages!.Refresh);
    }

    [Fact]
    public void Null_leaves_the_default()
    {
        // arrange / act
        var step = FirstStep("name: x\nhostname:\ncommands: ~\nfiles:\n  - path: /a\n    permissions: null");

        // assert
        Assert.Null(step.Hostname);
        Assert.Empty(step.Commands);
        Assert.Null(step.Files[0].Permissions);
    }

    [Fact]
    public void User_map_key_is_the_login_name_and_overrides_name()
    {
        // arrange / act
        var step = FirstStep("users:\n  kairos:\n    name: other\n  bob: ~");

        // assert
        Assert.Equal(["kairos", "bob"], step.Users.Select(u => u.Name));
    }

    [Fact]
    public void Maps_keep_source_order_and_steps_know_where_each_key_is()
    {
        // arrange / act
        var step = FirstStep("name: x\nsysctl:\n  z.last: \"1\"\n  a.first: \"2\"");

        // assert
        Assert.Equal(["z.last", "a.first"], step.Sysctl.Select(s => s.Key));
        Assert.Equal(new SourceSpan("test.yaml", 4, 7), step.LocationOf("sysctl"));
        Assert.Equal(new SourceSpan("test.yaml", 3, 7), step.Location);
    }

    [Fact]
    public void Merge_keys_apply_and_explicit_keys_win()
    {
        // arrange
        var yaml = "base: &b\n  name: base\n  commands: [a]\nstages:\n  init:\n    - <<: *b\n      name: mine\n";

        // act
        var result = Load(yaml, new LoadOptions { Lenient = true });

        // assert
        var step = result.File!.Stages[0].Steps[0];
        Assert.Equal(("mine", "a"), (step.Name, step.Commands[0]));
    }

    [Fact]
    public void Lenient_turns_unknown_keys_into_warnings()
    {
        // arrange / act
        var result = Load("stages:\n  init:\n    - files:\n        - path: /a\n          permissions: 0644\n          permsisions: 0644\n", new LoadOptions { Lenient = true });

        // assert
        var warning = Assert.Single(result.Diagnostics);
        Assert.Equal((Severity.Warning, DiagnosticCodes.UnknownKey), (warning.Severity, warning.Code));
        Assert.Contains("did you mean 'permissions'?", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bundled_files_carry_step_and_description()
    {
        // arrange / act
        var result = Load("step: initrd\ndescription: builds the initrd\nstages: {}\n", new LoadOptions { Bundled = true });

        // assert
        Assert.Empty(result.Diagnostics);
        Assert.Equal(("initrd", "builds the initrd"), (result.File!.StepName, result.File.Description));
    }

    [Fact]
    public void A_huge_scalar_is_a_diagnostic_not_an_exception()
    {
        // arrange
        var yaml = "stages:\n  init:\n    - name: " + new string('x', 1024 * 1024 + 1) + "\n";

        // act
        var result = Load(yaml);

        // assert
        Assert.Null(result.File);
        Assert.Equal(DiagnosticCodes.InvalidText, Assert.Single(result.Diagnostics).Code);
    }
}
