using Kairos.Stages.FrontEnd.Diagnostics;
using Kairos.Stages.FrontEnd.Loading;
using Kairos.Stages.FrontEnd.Loading.Yaml;

namespace Kairos.Stages.Tests.Loading;

public sealed class YamlReaderTests
{
    [Theory]
    [InlineData("[", "]")]
    [InlineData("{a: ", "}")]
    [InlineData("- ", "")]
    public void Nesting_far_past_the_limit_is_a_diagnostic_not_a_crash(string open, string close)
    {
        // arrange
        var text = string.Concat(Enumerable.Repeat(open, 100_000)) + "x" + string.Concat(Enumerable.Repeat(close, 100_000));

        // act
        var result = YamlReader.Read("deep.yaml", text);

        // assert
        Assert.Null(result.Root);
        Assert.Contains(result.Diagnostics, d => d.Code is DiagnosticCodes.TooDeep or DiagnosticCodes.YamlSyntax);
    }

    [Fact]
    public void Positions_are_one_based_lines_and_columns()
    {
        // arrange / act
        var root = (YMapping)YamlReader.Read("p.yaml", "a: 1\nbb:\n  - c\n").Root!;

        // assert
        Assert.Equal(new SourceSpan("p.yaml", 1, 1), root.Entries[0].Key.Start);
        Assert.Equal(new SourceSpan("p.yaml", 1, 4), root.Entries[0].Value.Start);
        Assert.Equal(new SourceSpan("p.yaml", 3, 5), ((YSequence)root.Entries[1].Value).Items[0].Start);
    }

    [Fact]
    public void Later_merged_maps_lose_to_earlier_ones_and_to_explicit_keys()
    {
        // arrange
        var text = "a: &a {x: 1, y: 1}\nb: &b {x: 2, y: 2, z: 2}\nc:\n  <<: [*a, *b]\n  y: 3\n";

        // act
        var root = (YMapping)YamlReader.Read("m.yaml", text).Root!;

        // assert
        var c = (YMapping)root.Find("c")!.Value;
        Assert.Equal([("y", "3"), ("x", "1"), ("z", "2")], c.Entries.Select(e => (e.Key.Value, ((YScalar)e.Value).Value)));
    }

    [Fact]
    public void An_unknown_key_brought_in_by_a_merge_is_reported_where_it_is_written()
    {
        // arrange
        var text = "stages:\n  init:\n    - &base\n      name: a\n      comands: [x]\n    - <<: *base\n      name: b\n";

        // act
        var result = StageFileLoader.Load("m.yaml", text, LoadOptions.Strict);

        // assert
        var error = Assert.Single(result.Diagnostics);
        Assert.Equal((DiagnosticCodes.UnknownKey, 5, 7), (error.Code, error.Location.Line, error.Location.Column));
    }

    [Fact]
    public void A_bom_is_dropped_and_invalid_utf8_becomes_a_diagnostic()
    {
        // arrange
        byte[] bom = [0xEF, 0xBB, 0xBF, (byte)'a', (byte)':', (byte)' ', (byte)'1'];
        byte[] bad = [(byte)'a', (byte)':', (byte)' ', 0xC3, 0x28];

        // act
        var clean = YamlReader.Read("b.yaml", SourceText.Decode(bom));
        var broken = YamlReader.Read("b.yaml", SourceText.Decode(bad));

        // assert
        Assert.Empty(clean.Diagnostics);
        Assert.Equal((DiagnosticCodes.InvalidText, 1, 4), (broken.Diagnostics[0].Code, broken.Diagnostics[0].Location.Line, broken.Diagnostics[0].Location.Column));
    }

    [Fact]
    public void A_map_with_a_hundred_thousand_keys_reads_in_linear_time()
    {
        // arrange
        var text = string.Concat(Enumerable.Range(0, 100_000).Select(i => $"k{i}: v\n")) + "k5: again\n";

        // act
        var result = YamlReader.Read("big.yaml", text);

        // assert
        Assert.Equal(DiagnosticCodes.DuplicateKey, Assert.Single(result.Diagnostics).Code);
        Assert.Equal(100_000, ((YMapping)result.Root!).Entries.Count);
    }
}
