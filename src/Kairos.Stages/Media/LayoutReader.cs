using Kairos.Stages.FrontEnd.Sources;

namespace Kairos.Stages.Media;

/// <summary>
/// Reads a media layout (<c>stages/iso/layout.yaml</c>, <c>uki/</c>, <c>disk/</c>) through <see cref="StageData"/>: a missing
/// or malformed value is an input error (exit 2) whose message starts with the file, line and column.
/// </summary>
internal static class LayoutReader
{
    /// <summary>Opens <paramref name="dataPath"/> of a stage source and decodes it; <paramref name="what"/> names it in the error for a missing file.</summary>
    public static T Read<T>(IStageSource source, string dataPath, string what, Func<StageData, T> decode)
    {
        try
        {
            return decode(StageData.Read(source, dataPath, what));
        }
        catch (InvalidDataException e)
        {
            throw MediaException.Input(e.Message);
        }
    }
}
