namespace Kairos.Factory.Builders;

/// <summary>The builders this server has, by name: the engines (<see cref="Api.FactoryCatalog.Builders"/>) and any a host of the server added.</summary>
public sealed class ImageBuilders(IEnumerable<IImageBuilder> builders)
{
    private readonly Dictionary<string, IImageBuilder> _byName = builders.ToDictionary(builder => builder.Name, StringComparer.Ordinal);

    public IReadOnlyList<string> Names => [.. _byName.Keys];

    public IImageBuilder this[string name] => _byName[name];
}
