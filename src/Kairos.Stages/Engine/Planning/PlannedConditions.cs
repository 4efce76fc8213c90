using Kairos.Stages.Engine.Conditions;
using Kairos.Stages.FrontEnd.Model;

namespace Kairos.Stages.Engine.Planning;

/// <summary>
/// A step's conditions as the plan shows them: those the build decides (only_os, only_os_version, only_arch,
/// only_service_manager when the root has one) decided now, in yip's order; the rest kept with their expressions.
/// </summary>
internal static class PlannedConditions
{
    public static (string? SkipReason, IReadOnlyList<RuntimeCondition> Runtime) Of(Step step, PlanFacts? facts)
    {
        var runtime = new List<RuntimeCondition>();
        string? skip = null;
        foreach (var condition in ConditionCatalog.All.Where(c => c.IsPresent(step)))
        {
            var decided = facts is not null && condition is IBuildTimeCondition known ? known.Decide(step, facts.Build, facts.Root) : null;
            if (decided is null)
            {
                runtime.Add(new RuntimeCondition(condition.Key, Expression(step, condition.Key)));
            }
            else if (!decided.Run)
            {
                skip ??= decided.Reason;
            }
        }

        return (skip, runtime);
    }

    private static string Expression(Step step, string key) => Fold(key switch
    {
        "if" => step.If ?? "",
        "node" => step.Node ?? "",
        "only_os" => step.OnlyOs ?? "",
        "only_os_version" => step.OnlyOsVersion ?? "",
        "only_arch" => step.OnlyArch ?? "",
        "only_service_manager" => step.OnlyServiceManager ?? "",
        "if_files" => IfFiles(step.IfFiles!),
        _ => "",
    });

    private static string IfFiles(IfFiles files) => string.Join("; ", new[] { ("all", files.All), ("any", files.Any), ("none", files.None) }
        .Where(p => p.Item2.Count > 0)
        .Select(p => $"{p.Item1} [{string.Join(", ", p.Item2)}]"));

    private static string Fold(string text) => string.Join(' ', text.Split((char[])['\n', '\r', '\t', ' '], StringSplitOptions.RemoveEmptyEntries));
}
