using Kairos.Stages.Tests.Support;

namespace Kairos.Stages.Tests.Examples;

/// <summary>Every call of the tool in the repository's Dockerfiles (top-level and examples/), for every build in their matrix.</summary>
public static class ExampleCases
{
    public static string RepositoryDirectory { get; } = Path.GetFullPath(Path.Combine(Golden.ProjectDirectory, "..", ".."));

    public static IReadOnlyDictionary<string, ExampleCase> All { get; } = Collect();

    public static IEnumerable<string> Dockerfiles() =>
        new[] { Path.Combine(RepositoryDirectory, "Dockerfile") }
            .Concat(Directory.GetFiles(Path.Combine(RepositoryDirectory, "examples"), "Dockerfile", SearchOption.AllDirectories).Order(StringComparer.Ordinal));

    private static Dictionary<string, ExampleCase> Collect()
    {
        var cases = new Dictionary<string, ExampleCase>();
        var seen = new HashSet<string>();
        foreach (var path in Dockerfiles())
        {
            var name = Path.GetRelativePath(RepositoryDirectory, path);
            var text = File.ReadAllText(path);
            foreach (var variant in BuildArgMatrix.For(DockerfileEvaluator.DeclaredArgs(text)))
            {
                IReadOnlyList<ExampleInvocation> invocations;
                try
                {
                    invocations = DockerfileEvaluator.Evaluate(name, text, Path.GetDirectoryName(path)!, variant);
                }
                catch (InvalidOperationException e)
                {
                    cases.TryAdd($"{name} [{variant}]", new ExampleCase($"{name} [{variant}]", null, e.Message));
                    continue;
                }

                // Ubuntu has no FIPS packages without Ubuntu Pro: the run refuses (KS601), so FIPS is tried only on bases that allow it.
                if (BuildArgMatrix.WantsFips(variant) && invocations.Any(i => !SampleRoots.AllowsFips(i.Image)))
                {
                    continue;
                }

                foreach (var invocation in invocations.Where(i => seen.Add(i.Key)))
                {
                    var caseName = invocation.ToString();
                    cases.TryAdd(caseName, new ExampleCase(caseName, invocation));
                }
            }
        }

        return cases;
    }
}
