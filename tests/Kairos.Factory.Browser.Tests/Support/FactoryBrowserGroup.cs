namespace Kairos.Factory.Browser.Tests.Support;

/// <summary>The browser tests share one server and one chromium, and run one after another (2 cores).</summary>
[CollectionDefinition(Name)]
public sealed class FactoryBrowserGroup : ICollectionFixture<FactoryBrowserFixture>
{
    public const string Name = "factory-browser";
}
