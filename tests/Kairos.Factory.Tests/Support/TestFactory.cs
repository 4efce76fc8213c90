using Kairos.Factory.Builders;
using Kairos.Factory.Fixture;
using Kairos.Factory.Hosting;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Kairos.Factory.Tests.Support;

/// <summary>The real server pipeline and services on ASP.NET's in-memory test server, with the given options and the test-only <see cref="FixtureBuilder"/>.</summary>
internal sealed class TestFactory(FactoryOptions options) : WebApplicationFactory<FactoryOptions>
{
    protected override IHostBuilder CreateHostBuilder() =>
        Host.CreateDefaultBuilder()
            .ConfigureWebHostDefaults(web => web
                .ConfigureServices(services => services.AddFactory(options).AddSingleton<IImageBuilder>(new FixtureBuilder()))
                .Configure(app => app.UseFactory()));
}
