using System.Diagnostics;
using Kairos.Stages.Cli.Commands;
using Kairos.Stages.Engine.Planning;
using Kairos.Stages.Engine.Recording;
using Kairos.Stages.FrontEnd.Lint;
using Kairos.Stages.FrontEnd.Sources;
using Kairos.Stages.Tests.Support;

namespace Kairos.Stages.Tests.Validation;

/// <summary>
/// Ten thousand seeded mutations of the good corpus and of the bundled stage files (rendered, and
/// as templates rendered again) through the whole front end: render, load, schema, semantics, and
/// for files that stay valid the planner and the plan writers. Every case must end in success or
/// diagnostics; an exception or an "internal error" diagnostic is a defect.
/// </summary>
[Slow(SlowKind.Long)]
public sealed class MutationRobustnessTests
{
    private const int Cases = 10_000;

    [Fact]
    public void Ten_thousand_mutations_of_every_seed_end_in_success_or_diagnostics()
    {
        // arrange
        var random = new Random(20260526);
        var preprocess = LintDefaults.Preprocess();
        var seeds = Seeds(preprocess);
        var clock = Stopwatch.StartNew();
        var failures = new List<string>();
        var (succeeded, diagnosed, planned) = (0, 0, 0);
        var templateTime = TimeSpan.Zero;

        // act
        for (var i = 0; i < Cases; i++)
        {
            var seed = seeds[i % seeds.Count];
            var kind = i / seeds.Count % Mutator.Kinds.Length;
            var mutated = Mutator.Apply(seed.Text, kind, random);
            var started = clock.Elapsed;
            try
            {
                var options = new LintOptions { Preprocess = seed.Template ? preprocess : null };
                var (files, diagnostics) = Linter.Analyze([new LintInput(seed.Name, mutated)], options);
                if (diagnostics.FirstOrDefault(d => d.Message.Contains("internal error", StringComparison.Ordinal)) is { } internalError)
                {
                    failures.Add($"case {i} ({seed.Name}, {Mutator.Kinds[kind]}): {internalError}");
                }
                else if (diagnostics.Any(d => d.IsError) || files.Count == 0)
                {
                    diagnosed++;
                }
                else
                {
                    succeeded++;
                    planned += Plan(files.Values.Single()) ? 1 : 0;
                }
            }
            catch (Exception ex)
            {
                failures.Add($"case {i} ({seed.Name}, {Mutator.Kinds[kind]}): {ex.GetType().Name}: {ex.Message}\n{ex.StackTrace}");
            }

            templateTime += seed.Template ? clock.Elapsed - started : TimeSpan.Zero;
        }

        // assert
        Figures.Report("mutation fuzzing (front end)", Cases, Cases - failures.Count, clock.Elapsed,
            $"{seeds.Count} seeds, {Mutator.Kinds.Length} kinds; {succeeded} valid ({planned} planned), {diagnosed} with diagnostics, {failures.Count} exceptions; {templateTime.TotalSeconds:F1} s of it rendering mutated templates");
        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(10)));
        Assert.True(succeeded > Cases / 20, $"only {succeeded} mutants stayed valid: the planner was barely exercised");
        Assert.True(diagnosed > Cases / 5, $"only {diagnosed} mutants had findings: the mutations are too gentle");
    }

    /// <summary>Plans a valid mutant for every selector and writes the plan out; false when the planner refuses it (errors, no exception).</summary>
    private static bool Plan(Kairos.Stages.FrontEnd.Model.StageFile file)
    {
        var sources = new[] { new PlanSource(file, SourceKind.Extension) };
        var known = SkipSet.KnownNames(sources);
        var (skip, _) = SkipSet.Parse(known.Take(1), known);
        var any = false;
        foreach (var selector in new[] { "all", "install", "init", "after-init" })
        {
            var (plan, _) = Planner.Build(sources, selector, skip);
            if (plan is not null)
            {
                any = true;
                _ = PlanWriter.ToJson(plan) + PlanWriter.ToText(plan) + PlanWriter.ToYaml(plan);
            }
        }

        return any;
    }

    private static List<(string Name, string Text, bool Template)> Seeds(Func<string, string, (string? Text, IReadOnlyList<Kairos.Stages.FrontEnd.Diagnostics.Diagnostic> Diagnostics)> preprocess)
    {
        var seeds = CorpusFiles.Names("good").Select(row => (row.Data, CorpusFiles.Read("good", row.Data), false)).ToList();
        foreach (var template in new EmbeddedStageSource().ListStages())
        {
            var rendered = preprocess(template.DisplayPath, template.Text).Text;
            Assert.NotNull(rendered);
            seeds.Add((template.DisplayPath, rendered, false));
            seeds.Add((template.DisplayPath, template.Text, true));
        }

        return seeds;
    }
}
