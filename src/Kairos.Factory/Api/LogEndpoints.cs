using System.Text;
using Kairos.Factory.Jobs;
using Kairos.Factory.Store;

namespace Kairos.Factory.Api;

/// <summary>A build's log over Server-Sent Events: the whole log from the start, then new lines live, ending with an <c>end</c> event when the build ends.</summary>
public static class LogEndpoints
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/builds/{id}/logs", FollowAsync)
            .WithTags("Builds").WithName("FollowBuildLog").WithSummary("Replay, then follow, a build's log (SSE)")
            .WithDescription("text/event-stream: one `data:` event per log line (id = line number), then `event: end` with the final status. A client that disconnects stops only its own stream.")
            .Produces<string>(StatusCodes.Status200OK, "text/event-stream")
            .ProducesProblem(StatusCodes.Status404NotFound);

    private static async Task FollowAsync(string id, HttpContext http, JobStore store, LogHub hub, FactoryOptions options)
    {
        var cancellation = http.RequestAborted;
        if (store.Get(id) is null)
        {
            await ProblemResults.NotFound(id).ExecuteAsync(http);
            return;
        }

        http.Response.ContentType = "text/event-stream";
        http.Response.Headers.CacheControl = "no-cache";
        http.Response.Headers["X-Accel-Buffering"] = "no";
        var path = Path.Combine(options.JobsDir, id, "build.log");
        long position = 0;
        var lineNumber = 0;
        var pending = new StringBuilder();
        try
        {
            while (true)
            {
                // read the state before the file: a job that ended has written its last line already
                var job = store.Get(id);
                (position, lineNumber) = await SendNewLinesAsync(http.Response, path, position, lineNumber, pending, cancellation);
                if (job is null || JobStatus.IsFinished(job.Status))
                {
                    await http.Response.WriteAsync($"event: end\ndata: {{\"status\":\"{job?.Status ?? "deleted"}\"}}\n\n", cancellation);
                    await http.Response.Body.FlushAsync(cancellation);
                    return;
                }

                await hub.WaitAsync(id, TimeSpan.FromSeconds(1), cancellation);
            }
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            // the client went away; the build goes on
        }
    }

    private static async Task<(long Position, int Line)> SendNewLinesAsync(HttpResponse response, string path, long position, int line, StringBuilder pending, CancellationToken cancellation)
    {
        if (!File.Exists(path))
        {
            return (position, line);
        }

        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        file.Seek(position, SeekOrigin.Begin);
        using var reader = new StreamReader(file, Encoding.UTF8);
        var text = await reader.ReadToEndAsync(cancellation);
        position = file.Position;
        pending.Append(text);
        var all = pending.ToString();
        var lastNewline = all.LastIndexOf('\n');
        if (lastNewline < 0)
        {
            return (position, line);
        }

        var output = new StringBuilder();
        foreach (var complete in all[..lastNewline].Split('\n'))
        {
            line++;
            output.Append("id: ").Append(line).Append("\ndata: ").Append(complete).Append("\n\n");
        }

        pending.Clear().Append(all[(lastNewline + 1)..]);
        await response.WriteAsync(output.ToString(), cancellation);
        await response.Body.FlushAsync(cancellation);
        return (position, line);
    }
}
