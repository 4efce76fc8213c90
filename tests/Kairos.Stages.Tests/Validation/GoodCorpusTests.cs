using Kairos.Stages.FrontEnd.Diagnostics;
using Kairos.Stages.FrontEnd.Lint;
using Kairos.Stages.FrontEnd.Loading;
using Kairos.Stages.FrontEnd.Loading.Yaml;

namespace Kairos.Stages.Tests.Validation;

public sealed class GoodCorpusTests
{
    public static TheoryData<string> GoodFiles => CorpusFiles.Names("good");

    [Theory]
    [MemberData(nameof(GoodFiles))]
    public void Good_file_lints_with_no_errors_and_no_warnings(string name)
    {
        // arrange / act
        var diagnostics = CorpusFiles.Lint("good", name);

        // assert
        Assert.True(diagnostics.Count == 0, CorpusFiles.Format(diagnostics));
    }

    [Fact]
    public void Good_corpus_lints_cleanly_as_one_set()
    {
        // arrange
        var inputs = GoodFiles.Select(row => new LintInput(row.Data, CorpusFiles.Read("good", row.Data)));

        // act
        var diagnostics = Linter.Lint(inputs);

        // assert
        Assert.True(diagnostics.Count == 0, CorpusFiles.Format(diagnostics));
    }

    [Fact]
    public void Good_corpus_uses_every_step_key_and_every_nested_type_key()
    {
        // arrange
        var used = new HashSet<(string Place, string Key)>();
        foreach (var row in GoodFiles)
        {
            var tree = YamlReader.Read(row.Data, CorpusFiles.Read("good", row.Data)).Root;
            if (tree is YMapping root && root.Find("stages")?.Value is YMapping stages)
            {
                foreach (var step in stages.Entries.SelectMany(s => ((YSequence)s.Value).Items).OfType<YMapping>())
                {
                    KeyUsage.Collect(step, KeyTables.Step, used);
                }
            }
        }

        // act
        var missing = KeyTables.Keys
            .Where(p => p.Key is not (KeyTables.TopLevel or KeyTables.BundledTopLevel))
            .SelectMany(p => p.Value.Select(k => (p.Key, k)))
            .Where(pk => !used.Contains(pk))
            .Select(pk => $"{pk.Item1}.{pk.Item2}")
            .ToList();

        // assert
        Assert.True(missing.Count == 0, "not used in Corpus/good: " + string.Join(", ", missing));
    }

    [Fact]
    public void Good_corpus_includes_a_cloud_config_file_anchors_and_merge_keys()
    {
        // arrange
        var texts = GoodFiles.Select(row => CorpusFiles.Read("good", row.Data)).ToList();

        // act / assert
        Assert.Contains(texts, CloudConfigDetector.IsCloudConfig);
        Assert.Contains(texts, t => t.Contains("<<: *", StringComparison.Ordinal));
        Assert.Contains(texts, t => t.Contains("<<: [*", StringComparison.Ordinal));
        Assert.Contains(texts, t => t.Contains(": &", StringComparison.Ordinal));
        Assert.DoesNotContain(GoodFiles, row => CorpusFiles.Lint("good", row.Data).Any(d => d.Severity != Severity.Info));
    }
}
