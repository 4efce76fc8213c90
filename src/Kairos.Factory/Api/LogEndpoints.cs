using System.Globalization;
using System.Text;
using Kairos.Factory.Jobs;
using Kairos.Factory.Store;
using Microsoft.AspNetCore.Mvc;

namespace Kairos.Factory.Api;

/// <summary>
/// A build's log over Server-Sent Events: the whole log from the start (or from after the line a reconnecting client's
/// <c>Last-Event-ID</c> names), then new lines live, ending with an <c>end</c> event when the build ends.
/// </summary>
public static class LogEndpoints
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/builds/{id}/logs", FollowAsync)
            .WithTags("Builds").WithName("FollowBuildLog").WithSummary("Replay, then follow, a build's log (SSE)")
            .WithDescription("text/event-stream: one `data:` event per log line (id = line number), then `event: end` with the final status. A reconnecting client's `Last-Event-ID` header (what EventSource sends) resumes after that line instead of replaying from the first. A client that disconnects stops only its own stream.")
            .Produces<string>(StatusCodes.Status200OK, "text/event-stream")
            .ProducesProblem(StatusCodes.Status404NotFound);

    private static async Task FollowAsync(string id, [FromHeader(Name = "Last-Event-ID")] string? lastEventId, HttpContext http, JobStore store, LogHub hub, FactoryOptions options)
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
        var skipThrough = ResumeAfter(lastEventId);
        try
        {
            while (true)
            {
                // read the state before the file: a job that ended has written its last line already
                var job = store.Get(id);
                (position, lineNumber) = await SendNewLinesAsync(http.Response, path, position, lineNumber, skipThrough, cancellation);
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

    /// <summary>The line a reconnecting client saw last (its <c>Last-Event-ID</c>), or 0; anything else is ignored, as the SSE spec has it.</summary>
    private static int ResumeAfter(string? lastEventId) =>
        int.TryParse(lastEventId, NumberStyles.None, CultureInfo.InvariantCulture, out var line) ? line : 0;

    /// <summary>How much of the log one read takes: a reader catching up on a long log holds this much, not the whole file.</summary>
    private const int ChunkBytes = 1 << 20;

    /// <summary>
    /// Sends the complete lines written since <paramref name="position"/> (a byte offset, always just after a newline, so
    /// a UTF-8 character the writer has only half written is never decoded); lines up to <paramref name="skipThrough"/>
    /// are counted, not sent. A line longer than a chunk goes out cut at the chunk's end.
    /// </summary>
    private static async Task<(long Position, int Line)> SendNewLinesAsync(HttpResponse response, string path, long position, int line, int skipThrough, CancellationToken cancellation)
    {
        if (!File.Exists(path))
        {
            return (position, line);
        }

        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        var buffer = new byte[(int)Math.Clamp(file.Length - position, 0, ChunkBytes)];
        while (buffer.Length > 0 && file.Length > position)
        {
            file.Seek(position, SeekOrigin.Begin);
            var read = await file.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, cancellation);
            if (read == 0)
            {
                break;
            }

            var complete = Array.LastIndexOf(buffer, (byte)'\n', read - 1);
            if (complete < 0)
            {
                if (read < ChunkBytes)
                {
                    break; // the writer is mid-line: the rest comes with the next read
                }

                complete = read;
            }

            var output = new StringBuilder();
            foreach (var text in Encoding.UTF8.GetString(buffer, 0, complete).Split('\n'))
            {
                if (++line > skipThrough)
                {
                    output.Append("id: ").Append(line).Append("\ndata: ").Append(text).Append("\n\n");
                }
            }

            if (output.Length > 0)
            {
                await response.WriteAsync(output.ToString(), cancellation);
                await response.Body.FlushAsync(cancellation);
            }

            position += Math.Min(complete + 1, read);
        }

        return (position, line);
    }
}
