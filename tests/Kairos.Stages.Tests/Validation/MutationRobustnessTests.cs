using System.Text;
using Kairos.Stages.Validation;

namespace Kairos.Stages.Tests.Validation;

public sealed class MutationRobustnessTests
{
    private const int Mutations = 2000;

    [Fact]
    public void Two_thousand_mutations_of_the_good_corpus_never_throw()
    {
        // arrange
        var random = new Random(20260526);
        var sources = CorpusFiles.Names("good").Select(row => CorpusFiles.Read("good", row.Data)).ToList();
        var failures = new List<string>();

        // act
        for (var i = 0; i < Mutations; i++)
        {
            var mutated = Mutate(sources[i % sources.Count], random);
            try
            {
                _ = Linter.Lint([new LintInput($"m{i}.yaml", mutated)]);
            }
            catch (Exception ex)
            {
                failures.Add($"mutation {i}: {ex.GetType().Name}: {ex.Message}");
            }
        }

        // assert
        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(10)));
    }

    private static string Mutate(string text, Random random)
    {
        var lines = text.Split('\n').ToList();
        switch (random.Next(7))
        {
            case 0:
                var bytes = Encoding.UTF8.GetBytes(text);
                for (var n = random.Next(1, 4); n > 0; n--)
                {
                    bytes[random.Next(bytes.Length)] ^= (byte)(1 << random.Next(8));
                }

                return Kairos.Stages.Loading.SourceText.Decode(bytes);
            case 1:
                lines.RemoveAt(random.Next(lines.Count));
                break;
            case 2:
                var at = random.Next(lines.Count);
                lines.Insert(at, lines[at]);
                break;
            case 3:
                var shift = random.Next(lines.Count);
                lines[shift] = random.Next(2) == 0 ? " " + lines[shift] : lines[shift].TrimStart(' ');
                break;
            case 4:
                return text[..random.Next(text.Length)];
            case 5:
                var position = random.Next(text.Length);
                var junk = new string([.. Enumerable.Range(0, random.Next(1, 6)).Select(_ => (char)random.Next(0x20, 0x2FFF))]);
                return text[..position] + junk + text[position..];
            default:
                const string Indicators = "[]{}:-&*!|>'\"%@`#,?<\t";
                var indicator = Indicators[random.Next(Indicators.Length)];
                var p = random.Next(text.Length);
                return text[..p] + indicator + text[p..];
        }

        return string.Join('\n', lines);
    }
}
