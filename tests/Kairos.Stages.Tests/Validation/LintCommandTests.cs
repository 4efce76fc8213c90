using System.Text.Json.Nodes;
using Kairos.Stages.Cli.Commands;

namespace Kairos.Stages.Tests.Validation;

public sealed class LintCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("kairos-lint-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string name, string text)
    {
        var path = Path.Combine(_dir, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    private static async Task<(int Code, string Out, string Err)> Run(params string[] args)
    {
        var (stdout, stderr) = (new StringWriter(), new StringWriter());
        var code = await CliApp.RunAsync(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    private const string Typo = "stages:\n  init:\n    - name: grub\n      files:\n        - path: /etc/default/grub\n          permissions: 0644\n          permsisions: 0644\n";

    [Fact]
    public async Task Lint_reports_a_typo_with_a_suggestion_at_the_keys_line_and_column()
    {
        // arrange
        var path = Write("typo.yaml", Typo);

        // act
        var (code, output, _) = await Run("lint", path);

        // assert
        Assert.Equal(1, code);
        Assert.Contains($"{path}:7:11: error KS301: unknown key 'permsisions' — did you mean 'permissions'?", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lint_with_lenient_exits_zero_on_unknown_keys()
    {
        // arrange
        var path = Write("typo.yaml", Typo);

        // act
        var (code, output, _) = await Run("lint", "--lenient", path);

        // assert
        Assert.Equal(0, code);
        Assert.Contains("warning KS301", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lint_of_a_directory_reads_yaml_files_recursively()
    {
        // arrange
        Write("a/01.yaml", "stages:\n  init:\n    - name: ok\n      commands: [a]\n");
        Write("a/b/02.yml", "stages:\n  init:\n    - comands: [a]\n");
        Write("a/notes.txt", "not yaml: [");

        // act
        var (code, output, error) = await Run("lint", Path.Combine(_dir, "a"));

        // assert
        Assert.Equal(1, code);
        Assert.Single(output.Trim().Split('\n'));
        Assert.Contains("2 file(s)", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Directories_are_walked_like_yip_sorted_per_directory_without_entering_symlinked_ones()
    {
        // arrange
        Write("d/a/z.yaml", "");
        Write("d/a-b/x.yml", "");
        Write("d/B.yaml", "");
        Write("d/c.YAML", "");
        Directory.CreateSymbolicLink(Path.Combine(_dir, "d", "loop"), Path.Combine(_dir, "d"));

        // act
        var (files, missing) = LintPaths.Expand([Path.Combine(_dir, "d")]);

        // assert
        Assert.Null(missing);
        Assert.Equal(["B.yaml", "a/z.yaml", "a-b/x.yml"], files.Select(f => Path.GetRelativePath(Path.Combine(_dir, "d"), f)));
    }

    [Fact]
    public async Task Sarif_output_has_the_required_sarif_2_1_0_properties()
    {
        // arrange
        var path = Write("typo.yaml", Typo);

        // act
        var (_, output, _) = await Run("lint", "--format", "sarif", path);

        // assert
        var sarif = JsonNode.Parse(output)!;
        Assert.Equal("2.1.0", sarif["version"]!.GetValue<string>());
        Assert.NotNull(sarif["$schema"]);
        var run = sarif["runs"]![0]!;
        Assert.Equal("kairos-stages", run["tool"]!["driver"]!["name"]!.GetValue<string>());
        Assert.Equal("KS301", run["tool"]!["driver"]!["rules"]![0]!["id"]!.GetValue<string>());
        Assert.Equal("Unknown key", run["tool"]!["driver"]!["rules"]![0]!["shortDescription"]!["text"]!.GetValue<string>());
        var result = run["results"]![0]!;
        Assert.Equal(("KS301", "error"), (result["ruleId"]!.GetValue<string>(), result["level"]!.GetValue<string>()));
        Assert.Contains("permsisions", result["message"]!["text"]!.GetValue<string>(), StringComparison.Ordinal);
        var location = result["locations"]![0]!["physicalLocation"]!;
        Assert.EndsWith("typo.yaml", location["artifactLocation"]!["uri"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal((7, 11), (location["region"]!["startLine"]!.GetValue<int>(), location["region"]!["startColumn"]!.GetValue<int>()));
    }

    [Fact]
    public async Task Json_output_parses_and_counts_findings()
    {
        // arrange
        var path = Write("typo.yaml", Typo);

        // act
        var (_, output, _) = await Run("lint", "--format", "json", path);

        // assert
        var json = JsonNode.Parse(output)!;
        Assert.Equal(1, json["errors"]!.GetValue<int>());
        Assert.Equal(7, json["diagnostics"]![0]!["line"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_missing_path_is_a_usage_error()
    {
        // arrange / act
        var (code, _, error) = await Run("lint", Path.Combine(_dir, "nope.yaml"));

        // assert
        Assert.Equal(2, code);
        Assert.Contains("no such file or directory", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_format_is_a_usage_error()
    {
        // arrange
        var path = Write("ok.yaml", "stages: {}\n");

        // act
        var (code, _, error) = await Run("lint", "--format", "xml", path);

        // assert
        Assert.Equal(2, code);
        Assert.Contains("--format must be text, json or sarif", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_clean_file_exits_zero()
    {
        // arrange
        var path = Write("ok.yaml", "stages:\n  init:\n    - name: ok\n      commands: [a]\n");

        // act
        var (code, output, _) = await Run("lint", path);

        // assert
        Assert.Equal((0, ""), (code, output));
    }

    [Fact]
    public async Task Schema_command_prints_the_embedded_schema()
    {
        // arrange / act
        var (code, output, _) = await Run("schema");

        // assert
        Assert.Equal(0, code);
        Assert.Equal("https://json-schema.org/draft/2020-12/schema", JsonNode.Parse(output)!["$schema"]!.GetValue<string>());
    }
}
