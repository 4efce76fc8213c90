using Kairos.Stages.FrontEnd.Diagnostics;
using Kairos.Stages.FrontEnd.Lint;
using Kairos.Stages.FrontEnd.Loading.Yaml;

namespace Kairos.Stages.Tests.Validation;

public sealed class SchemaValidatorTests
{
    private static IReadOnlyList<Diagnostic> Validate(string yaml, bool cloudConfig = false) =>
        SchemaValidator.Default.Validate("s.yaml", YamlReader.Read("s.yaml", yaml).Root!, cloudConfig);

    [Fact]
    public void Enum_violation_is_reported_at_the_value()
    {
        // arrange / act
        var diagnostics = Validate("stages:\n  init:\n    - only_service_manager: upstart\n");

        // assert
        var error = Assert.Single(diagnostics);
        Assert.Equal((DiagnosticCodes.Schema, 3, 29), (error.Code, error.Location.Line, error.Location.Column));
    }

    [Fact]
    public void Go_style_octal_and_quoted_numbers_are_typed_like_yip_reads_them()
    {
        // arrange / act
        var plain = Validate("stages:\n  init:\n    - files:\n        - path: /a\n          permissions: 0o644\n");
        var quoted = Validate("stages:\n  init:\n    - files:\n        - path: /a\n          permissions: \"0644\"\n");

        // assert
        Assert.Empty(plain);
        Assert.Equal(5, Assert.Single(quoted).Location.Line);
    }

    [Fact]
    public void A_position_the_loader_already_reported_is_not_reported_again()
    {
        // arrange
        var root = YamlReader.Read("s.yaml", "stages:\n  init:\n    - comands: [a]\n").Root!;

        // act
        var diagnostics = SchemaValidator.Default.Validate("s.yaml", root, false, [new SourceSpan("s.yaml", 3, 7)]);

        // assert
        Assert.Empty(diagnostics);
    }

    [Fact]
    public void Cloud_config_keys_of_other_consumers_are_not_schema_errors()
    {
        // arrange / act
        var diagnostics = Validate("#cloud-config\nk3s: {enabled: true}\nstages:\n  boot:\n    - commands: [a]\n", cloudConfig: true);

        // assert
        Assert.Empty(diagnostics);
    }

    [Fact]
    public void Validators_can_be_built_more_than_once_from_the_same_schema_text()
    {
        // arrange / act
        var first = new SchemaValidator(StageFileSchema.Text);
        var second = new SchemaValidator(StageFileSchema.Text);
        var root = YamlReader.Read("s.yaml", "stages:\n  init:\n    - commands: [a]\n").Root!;

        // assert
        Assert.Empty(first.Validate("s.yaml", root, false));
        Assert.Empty(second.Validate("s.yaml", root, false));
    }
}
