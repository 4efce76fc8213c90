using Kairos.Stages.FrontEnd.Model;

namespace Kairos.Stages.FrontEnd.Loading;

/// <summary>Appends stage lists the way yip merges a cloud-config's translated stages with its <c>stages:</c>.</summary>
internal static class StageBlocks
{
    public static IReadOnlyList<StageBlock> Append(IReadOnlyList<StageBlock> first, IReadOnlyList<StageBlock> then)
    {
        var result = first.ToList();
        foreach (var block in then)
        {
            var index = result.FindIndex(b => b.Stage == block.Stage);
            if (index < 0)
            {
                result.Add(block);
            }
            else
            {
                result[index] = result[index] with { Steps = [.. result[index].Steps, .. block.Steps] };
            }
        }

        return result;
    }
}
