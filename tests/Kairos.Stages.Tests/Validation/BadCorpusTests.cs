using Kairos.Stages.Tests.Support;

namespace Kairos.Stages.Tests.Validation;

public sealed class BadCorpusTests
{
    public static TheoryData<string> BadFiles => CorpusFiles.Names("bad");

    [Theory]
    [MemberData(nameof(BadFiles))]
    public void Bad_file_gives_exactly_the_expected_diagnostics(string name)
    {
        // arrange / act
        var diagnostics = CorpusFiles.Lint("bad", name);

        // assert
        Golden.Assert(Path.Combine("Corpus", "bad", Path.ChangeExtension(name, ".expected")), CorpusFiles.Format(diagnostics));
    }

    [Fact]
    public void Bad_corpus_has_at_least_seventy_numbered_inputs_each_with_findings()
    {
        // arrange
        var names = BadFiles.Select(row => row.Data).ToList();

        // act
        var empty = names.Where(n => CorpusFiles.Lint("bad", n).Count == 0).ToList();

        // assert
        Assert.True(names.Count >= 70, $"only {names.Count} bad inputs");
        Assert.All(names, n => Assert.Matches(@"^\d{3}-[a-z0-9-]+\.yaml$", n));
        Assert.Empty(empty);
    }
}
