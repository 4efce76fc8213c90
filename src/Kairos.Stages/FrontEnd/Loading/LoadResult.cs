using Kairos.Stages.FrontEnd.Diagnostics;
using Kairos.Stages.FrontEnd.Loading.Yaml;
using Kairos.Stages.FrontEnd.Model;

namespace Kairos.Stages.FrontEnd.Loading;

/// <summary>A loaded file and its diagnostics. File is null when the YAML is unreadable or not a map; with other errors it is a partial decode. Any error means the file must not run.</summary>
public sealed record LoadResult(StageFile? File, IReadOnlyList<Diagnostic> Diagnostics)
{
    /// <summary>The YAML tree the file was decoded from (null when unreadable or empty); the schema validator reads it.</summary>
    public YNode? Tree { get; init; }

    public bool HasErrors => Diagnostics.Any(d => d.IsError);
}
