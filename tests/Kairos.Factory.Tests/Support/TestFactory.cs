using Kairos.Factory.Hosting;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Hosting;

namespace Kairos.Factory.Tests.Support;

/// <summary>The real server pipeline and services on ASP.NET's in-memory test server, with the given options.</summary>
internal sealed class TestFactory(FactoryOptions options) : WebApplicationFactory<FactoryOptions>
{
    protected override IHostBuilder CreateHostBuilder() =>
        Host.CreateDefaultBuilder()
            .ConfigureWebHostDefaults(web => web
                .ConfigureServices(services => services.AddFactory(options))
                .Configure(app => app.UseFactory()));
}
