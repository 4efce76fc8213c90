using Kairos.Factory.Api;
using Kairos.Factory.Auth;
using Kairos.Factory.Builders;
using Kairos.Factory.Jobs;
using Kairos.Factory.Store;
using Kairos.Factory.Validation;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Serilog;

namespace Kairos.Factory.Hosting;

/// <summary>The server's services: store, token, catalog, validator, workers, recovery, retention, JSON and OpenAPI.</summary>
public static class FactoryServices
{
    public static IServiceCollection AddFactory(this IServiceCollection services, FactoryOptions options)
    {
        Directory.CreateDirectory(options.DataDir);
        services.AddSingleton(options);
        services.AddSingleton(new JobStore(options));
        services.AddSingleton(ApiToken.LoadOrCreate(options));
        services.AddSingleton(FactoryCatalog.LoadBundled());
        services.AddSingleton<BuildRequestValidator>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<DownloadLinks>();
        services.AddSingleton<LogHub>();
        services.AddSingleton<LogFollowers>();
        services.AddSingleton<HostCheck>();
        services.AddSingleton<JobCancellations>();
        services.AddSingleton(new LeftoverCleaner(options));
        services.AddSingleton<IImageBuilder, PodmanBuilder>();
        services.AddSingleton<IImageBuilder, DockerBuilder>();
        services.AddSingleton<ImageBuilders>();
        services.AddSingleton<JobRunner>();

        // order matters: recovery runs before the workers take anything
        services.AddSingleton<Recovery>();
        services.AddHostedService(provider => provider.GetRequiredService<Recovery>());
        services.AddSingleton<WorkerPool>();
        services.AddHostedService(provider => provider.GetRequiredService<WorkerPool>());
        services.AddSingleton<RetentionService>();
        services.AddHostedService(provider => provider.GetRequiredService<RetentionService>());

        services.AddSerilog();
        services.AddProblemDetails();
        services.ConfigureHttpJsonOptions(json => FactoryJson.Configure(json.SerializerOptions));
        services.AddOpenApi("v1", openApi => FactoryOpenApi.Configure(openApi));
        services.AddRouting();
        return services;
    }
}
