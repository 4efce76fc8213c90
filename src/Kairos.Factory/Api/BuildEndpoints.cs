using Kairos.Factory.Auth;
using Kairos.Factory.Jobs;
using Kairos.Factory.Store;
using Kairos.Factory.Validation;

namespace Kairos.Factory.Api;

/// <summary>Create, list, get, cancel and delete builds.</summary>
public static class BuildEndpoints
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 100;

    public static void Map(RouteGroupBuilder api)
    {
        var builds = api.MapGroup("/builds").WithTags("Builds");
        builds.MapPost("/", CreateAsync)
            .WithName("CreateBuild").WithSummary("Queue a build")
            .WithDescription("Validates every field first (400 names each bad field; nothing is queued), then queues the build and returns its id.")
            .Accepts<BuildRequest>("application/json")
            .Produces<BuildCreated>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status507InsufficientStorage)
            .RequireToken();
        builds.MapGet("/", List)
            .WithName("ListBuilds").WithSummary("List builds, newest first")
            .WithDescription("status filters by state (one of GET /api/v1/config's statuses: queued, running, succeeded, failed, cancelled, interrupted); the classic Factory's `complete` is accepted for succeeded. Each item carries its id also as `uuid`, the classic name.")
            .Produces<JobList>()
            .ProducesValidationProblem()
            .RequireToken(Access.Read);
        builds.MapGet("/{id}", Get)
            .WithName("GetBuild").WithSummary("One build's state")
            .Produces<JobView>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .RequireToken(Access.Read);
        builds.MapPost("/{id}/cancel", Cancel)
            .WithName("CancelBuild").WithSummary("Cancel a queued or running build")
            .WithDescription("A queued build is cancelled at once (200). A running build's process tree is stopped and its mounts undone (202; its state becomes cancelled). A finished build: 409.")
            .Produces<JobView>()
            .Produces<JobView>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .RequireToken();
        builds.MapDelete("/{id}", Delete)
            .WithName("DeleteBuild").WithSummary("Delete a finished build, its log and artifacts")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .RequireToken();
    }

    private static Task<IResult> CreateAsync(HttpRequest http, JobStore store, BuildRequestValidator validator, WorkerPool workers, FactoryOptions options, CancellationToken cancellation) =>
        QueueAsync(http, BuildRequestReader.ReadAsync, created => Results.Created($"/api/v1/builds/{created.Id}", created), store, validator, workers, options, cancellation);

    /// <summary>The one way a build is queued (JSON here, the classic form at /start): the queue's limit, the read, the validation, the insert.</summary>
    internal static async Task<IResult> QueueAsync(
        HttpRequest http,
        Func<HttpRequest, CancellationToken, Task<(BuildRequest? Request, Dictionary<string, string[]>? Errors)>> read,
        Func<BuildCreated, IResult> answer,
        JobStore store,
        BuildRequestValidator validator,
        WorkerPool workers,
        FactoryOptions options,
        CancellationToken cancellation,
        IReadOnlyList<string>? moreWarnings = null)
    {
        if (store.CountQueued() >= options.MaxQueued)
        {
            http.HttpContext.Response.Headers.RetryAfter = "30";
            return Results.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too Many Requests",
                detail: $"{options.MaxQueued} builds are already waiting (serve --max-queued); retry when some have run");
        }

        var (request, readErrors) = await read(http, cancellation);
        if (readErrors is not null)
        {
            return ProblemResults.Invalid(readErrors);
        }

        var (spec, errors) = validator.Validate(request!);
        if (spec is null)
        {
            return ProblemResults.Invalid(errors);
        }

        var job = new JobRecord(Guid.CreateVersion7().ToString("N"), JobStatus.Queued, null, spec, DateTimeOffset.UtcNow, null, null, null, null);
        try
        {
            store.Insert(job);
        }
        catch (Exception exception) when (DiskReserve.IsFull(exception))
        {
            return ProblemResults.DataDirFull("the build cannot be queued");
        }

        workers.Wake();
        return answer(new BuildCreated(job.Id, job.Id, ClassicNames.Status(job.Status, options), [.. moreWarnings ?? [], .. BuildRequestValidator.Warnings(request!)]));
    }

    private static IResult List(JobStore store, FactoryOptions options, string? status = null, int? limit = null, int? offset = null)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        status = ClassicNames.StatusFilter(status);
        if (status is not null && !JobStatus.All.Contains(status))
        {
            errors["status"] = [$"'{status}' is not one of {string.Join(", ", JobStatus.All)} (or the classic {ClassicNames.Complete})"];
        }

        if (limit is < 1 or > MaxLimit)
        {
            errors["limit"] = [$"must be between 1 and {MaxLimit}"];
        }

        if (offset is < 0)
        {
            errors["offset"] = ["must not be negative"];
        }

        if (errors.Count > 0)
        {
            return Results.ValidationProblem(errors);
        }

        var (jobs, total) = store.List(status, limit ?? DefaultLimit, offset ?? 0);
        return Results.Ok(new JobList([.. jobs.Select(job => JobView.From(job, options))], total, limit ?? DefaultLimit, offset ?? 0));
    }

    private static IResult Get(string id, JobStore store, FactoryOptions options) =>
        store.Get(id) is { } job ? Results.Ok(JobView.From(job, options)) : ProblemResults.NotFound(id);

    private static IResult Cancel(string id, JobStore store, JobCancellations cancellations, FactoryOptions options, LogHub hub)
    {
        var now = DateTimeOffset.UtcNow;
        if (store.CancelQueued(id, now, now + options.Retention))
        {
            hub.Notify(id);
            return Results.Ok(JobView.From(store.Get(id)!, options));
        }

        if (cancellations.Cancel(id))
        {
            return Results.Accepted($"/api/v1/builds/{id}", JobView.From(store.Get(id)!, options));
        }

        return store.Get(id) is { } job
            ? ProblemResults.Conflict($"build '{id}' is {job.Status}; only queued or running builds can be cancelled")
            : ProblemResults.NotFound(id);
    }

    private static IResult Delete(string id, JobStore store, FactoryOptions options)
    {
        if (store.Get(id) is not { } job)
        {
            return ProblemResults.NotFound(id);
        }

        if (!JobStatus.IsFinished(job.Status))
        {
            return ProblemResults.Conflict($"build '{id}' is {job.Status}; cancel it first");
        }

        // files first: on a full disk they free the space the row's delete may need
        var directory = Path.Combine(options.JobsDir, id);
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }

        if (!store.Delete(id))
        {
            return ProblemResults.Conflict($"build '{id}' is {store.Get(id)?.Status ?? "gone"}; cancel it first");
        }

        store.Reserve.Refill();
        return Results.NoContent();
    }
}
