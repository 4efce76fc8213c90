using Kairos.Stages.Engine.Steps;

namespace Kairos.Stages.Engine.Conditions;

/// <summary>Every condition in yip's evaluation order: node, if, only_os, only_os_version, only_arch, only_service_manager, if_files.</summary>
public static class ConditionCatalog
{
    public static IReadOnlyList<IStepCondition> All { get; } =
    [
        new NodeCondition(),
        new IfCondition(),
        new OnlyOsCondition(),
        new OnlyOsVersionCondition(),
        new OnlyArchCondition(),
        new OnlyServiceManagerCondition(),
        new IfFilesCondition(),
    ];
}
