namespace Kairos.Stages.FrontEnd.Loading.Yaml;

/// <summary>Stops tree building after a limit diagnostic was recorded; never leaves <see cref="YamlReader"/>.</summary>
internal sealed class YamlTreeAbort : Exception
{
    public YamlTreeAbort()
    {
    }

    public YamlTreeAbort(string message)
        : base(message)
    {
    }

    public YamlTreeAbort(string message, Exception inner)
        : base(message, inner)
    {
    }
}
