using Kairos.Factory.Builders;
using Kairos.Factory.Jobs;
using Kairos.Factory.Store;
using Kairos.Stages.Image.Requests;
using Kairos.Stages.Target.Context;
using Kairos.Stages.Target.Platform;

namespace Kairos.Factory.Api;

/// <summary>GET /config (form defaults), /healthz (the process answers) and /readyz (store, data dir, recovery and the kairos-stages binary).</summary>
public static class SystemEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/config", Config)
            .WithTags("System").WithName("GetConfig").WithSummary("Defaults for a build form: presets, models per architecture, pinned Kubernetes versions")
            .Produces<ConfigView>();
        api.MapGet("/healthz", () => Results.Ok(new HealthView("ok", new Dictionary<string, string>())))
            .WithTags("System").WithName("Healthz").WithSummary("Liveness")
            .Produces<HealthView>();
        api.MapGet("/readyz", Ready)
            .WithTags("System").WithName("Readyz").WithSummary("Readiness: the store answers, the data dir is writable, start-up recovery is done")
            .Produces<HealthView>()
            .Produces<HealthView>(StatusCodes.Status503ServiceUnavailable);
    }

    private static ConfigView Config(FactoryCatalog catalog, FactoryOptions options, ImageBuilders builders) => new(
        catalog.Presets,
        catalog.DefaultPreset,
        catalog.Architectures,
        catalog.Architectures.ToDictionary(arch => arch, FactoryCatalog.ModelsFor),
        BuildEnums.Variants,
        catalog.Kubernetes,
        builders.Names,
        options.DefaultBuilder,
        OutputKinds.Names,
        (int)options.Retention.TotalHours,
        options.Workers,
        CloudConfigCheck.MaxBytes,
        catalog.Fips,
        options.UkiKeysDir is not null,
        BuildRules.Current,
        JobStatus.All,
        JobStatus.Finished,
        ClassicNames.Aliases,
        catalog.Labels);

    private static IResult Ready(JobStore store, FactoryOptions options, Recovery recovery)
    {
        var checks = new Dictionary<string, string>(StringComparer.Ordinal);
        checks["recovery"] = recovery.Done.IsCompletedSuccessfully ? "ok" : recovery.LastError is { } error ? "failed, retrying: " + error : "running";
        try
        {
            store.List(null, 1, 0);
            checks["store"] = "ok";
        }
        catch (Exception exception)
        {
            checks["store"] = exception.Message;
        }

        try
        {
            var probe = Path.Combine(options.DataDir, ".ready-probe");
            File.WriteAllText(probe, "ok");
            File.Delete(probe);
            checks["data_dir"] = "ok";
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            checks["data_dir"] = exception.Message;
        }

        checks["kairos_stages"] = ProgramLookup.Find(options.KairosStagesBinary) is not null
            ? "ok"
            : $"not found: {options.KairosStagesBinary} (serve --kairos-stages PATH; bash build/publish.sh makes one)";
        var ready = checks.Values.All(value => value == "ok");
        return Results.Json(new HealthView(ready ? "ready" : "not ready", checks), statusCode: ready ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
    }
}
