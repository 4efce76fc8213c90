using System.CommandLine;

namespace Kairos.Factory.Commands;

/// <summary>The kairos-factory command line: <c>serve</c>.</summary>
public static class FactoryCli
{
    public static Task<int> RunAsync(string[] args)
    {
        var root = new RootCommand("Kairos Factory: a web service that builds Kairos images with kairos-stages") { ServeCommand.Create() };
        return root.Parse(args).InvokeAsync();
    }
}
