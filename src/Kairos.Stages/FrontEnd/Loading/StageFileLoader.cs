using Kairos.Stages.FrontEnd.Diagnostics;
using Kairos.Stages.FrontEnd.Loading.Yaml;
using Kairos.Stages.FrontEnd.Model;

namespace Kairos.Stages.FrontEnd.Loading;

/// <summary>Loads one yip (or <c>#cloud-config</c>) document into a <see cref="StageFile"/> with positioned diagnostics; never throws.</summary>
public static class StageFileLoader
{
    public static LoadResult Load(string path, string text, LoadOptions options)
    {
        var bag = new DiagnosticBag();
        try
        {
            return Load(path, text, options, bag);
        }
        catch (Exception ex)
        {
            // A loader bug must surface as a diagnostic, never as a crash of lint or run.
            bag.Error(new SourceSpan(path, 1, 1), DiagnosticCodes.YamlSyntax, $"internal error while loading: {ex.Message}");
            return new(null, bag.Sorted());
        }
    }

    private static LoadResult Load(string path, string text, LoadOptions options, DiagnosticBag bag)
    {
        var read = YamlReader.Read(path, text);
        bag.AddRange(read.Diagnostics);
        if (read.Failed)
        {
            return new(null, bag.Sorted());
        }

        var isCloudConfig = CloudConfigDetector.IsCloudConfig(text);
        if (read.Root is null)
        {
            bag.Warning(new SourceSpan(path, 1, 1), DiagnosticCodes.EmptyFile, "the file is empty: it defines no stages");
            return new(new StageFile { Path = path, IsCloudConfig = isCloudConfig }, bag.Sorted());
        }

        if (read.Root is not YMapping root)
        {
            bag.Error(read.Root.Start, DiagnosticCodes.NotAMapping, $"a stage file must be a map with 'stages:', not {read.Root.Describe()}");
            return new(null, bag.Sorted());
        }

        var file = new TopLevelDecoder(new Decoder(options, bag), path, isCloudConfig).Decode(root);
        return new(file, bag.Sorted()) { Tree = root };
    }
}
