using Kairos.Stages.Engine.Pipeline;
using Kairos.Stages.Engine.Recording;
using Kairos.Stages.FrontEnd.Diagnostics;
using Kairos.Stages.FrontEnd.Lint;
using Kairos.Stages.FrontEnd.Sources;
using Kairos.Stages.Target.Platform;
using Kairos.Stages.Tests.Content;

namespace Kairos.Stages.Tests.Validation;

/// <summary>
/// Files are rendered, parsed and schema-checked on all cores. The answer must not depend on it: the same inputs give
/// the same diagnostics, in the same order, and the same plan, whether one thread or several did the work.
/// </summary>
[Collection(nameof(ParallelismOverride))]
public sealed class ParallelCheckTests
{
    [Fact]
    public void Linting_the_whole_corpus_gives_the_same_diagnostics_on_one_thread_and_on_four()
    {
        // arrange: every good and bad corpus file in one call, so threads interleave good and broken files
        var inputs = CorpusFiles.Names("good").Select(n => new LintInput("good/" + n, CorpusFiles.Read("good", n)))
            .Concat(CorpusFiles.Names("bad").Select(n => new LintInput("bad/" + n, CorpusFiles.Read("bad", n))))
            .ToList();

        // act
        var sequential = WithThreads(1, () => Linter.Lint(inputs));
        var parallel = WithThreads(4, () => Linter.Lint(inputs));

        // assert
        Assert.True(inputs.Count > 100, $"only {inputs.Count} corpus files");
        Assert.Contains(sequential, d => d.IsError);
        Assert.Equal(Format(sequential), Format(parallel));
    }

    [Fact]
    public void Analysis_keeps_the_same_files_and_findings_on_one_thread_and_on_four()
    {
        // arrange
        var inputs = CorpusFiles.Names("good").Select(n => new LintInput(n, CorpusFiles.Read("good", n)))
            .Concat(CorpusFiles.Names("bad").Take(30).Select(n => new LintInput("bad-" + n, CorpusFiles.Read("bad", n))))
            .ToList();

        // act
        var sequential = WithThreads(1, () => Linter.Analyze(inputs));
        var parallel = WithThreads(4, () => Linter.Analyze(inputs));

        // assert
        Assert.NotEmpty(sequential.Files);
        Assert.Equal(sequential.Files.Keys.Order(StringComparer.Ordinal), parallel.Files.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(Format(sequential.Diagnostics), Format(parallel.Diagnostics));
    }

    [Theory]
    [InlineData("ubuntu-24.04-kernel-at-run-time")]
    [InlineData("alpine-3.21-arm64")]
    [InlineData("ubuntu-22.04-k3s")]
    public void The_bundled_plan_is_the_same_on_one_thread_and_on_four(string target)
    {
        // arrange
        var request = new PipelineRequest { Context = ContentTargets.Get(target).Context(), Bundled = new EmbeddedStageSource() };

        // act
        var sequential = WithThreads(1, () => StagePipeline.Prepare(request));
        var parallel = WithThreads(4, () => StagePipeline.Prepare(request));

        // assert
        Assert.NotNull(sequential.Run);
        Assert.NotNull(parallel.Run);
        Assert.Equal(PlanWriter.ToJson(sequential.Run.Plan), PlanWriter.ToJson(parallel.Run.Plan));
        Assert.Equal(sequential.Run.Texts, parallel.Run.Texts);
    }

    [Fact]
    public void An_exception_in_one_item_reaches_the_caller_unwrapped()
    {
        // act
        var error = WithThreads(4, () => Assert.Throws<InvalidOperationException>(() =>
            Parallelism.For(8, i => _ = i == 5 ? throw new InvalidOperationException("item 5") : i)));

        // assert
        Assert.Equal("item 5", error.Message);
    }

    [Fact]
    public void The_largest_items_are_handed_out_first_and_every_item_runs_once()
    {
        // arrange
        long[] sizes = [1, 50, 2, 900, 3, 400, 50];
        var ran = new int[sizes.Length];

        // act
        var order = Parallelism.Order(sizes.Length, i => sizes[i]);
        WithThreads(4, () =>
        {
            Parallelism.For(sizes.Length, i => Interlocked.Increment(ref ran[i]), i => sizes[i]);
            return 0;
        });

        // assert: by size, ties in input order; without sizes, input order
        Assert.Equal([3, 5, 1, 6, 4, 2, 0], order);
        Assert.Equal(Enumerable.Range(0, 7), Parallelism.Order(7, null));
        Assert.All(ran, count => Assert.Equal(1, count));
    }

    private static T WithThreads<T>(int threads, Func<T> action)
    {
        Parallelism.MaxThreadsOverride = threads;
        try
        {
            return action();
        }
        finally
        {
            Parallelism.MaxThreadsOverride = null;
        }
    }

    private static string Format(IEnumerable<Diagnostic> diagnostics) =>
        string.Join('\n', diagnostics.Select(d => $"{d.Location} {d.Severity} {d.Code}: {d.Message}"));
}

/// <summary>Tests that set <see cref="Parallelism.MaxThreadsOverride"/> run one at a time.</summary>
[CollectionDefinition(nameof(ParallelismOverride), DisableParallelization = true)]
public sealed class ParallelismOverride;
