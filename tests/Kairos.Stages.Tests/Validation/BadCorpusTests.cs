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

    [Fact]
    public void Bad_corpus_exercises_every_code_the_front_end_emits()
    {
        // arrange
        string[] codes =
        [
            "KS101", "KS102", "KS103", "KS104", "KS105", "KS106", "KS107",
            "KS201", "KS202", "KS203", "KS204", "KS205",
            "KS301", "KS302", "KS303", "KS401",
            "KS501", "KS502", "KS503", "KS504", "KS505", "KS506", "KS507", "KS508", "KS509", "KS510", "KS511", "KS512", "KS513",
        ];

        // act
        var seen = Directory.GetFiles(CorpusFiles.Directory("bad"), "*.expected")
            .SelectMany(File.ReadAllLines)
            .Select(line => line.Split(' ')[2].TrimEnd(':'))
            .ToHashSet();

        // assert
        var missing = codes.Except(seen).ToList();
        Assert.True(missing.Count == 0, "no bad input produces " + string.Join(", ", missing));
    }
}
