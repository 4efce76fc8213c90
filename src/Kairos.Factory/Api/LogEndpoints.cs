using System.Globalization;
using System.Net.WebSockets;
using System.Text;
using Kairos.Factory.Auth;
using Kairos.Factory.Hosting;
using Kairos.Factory.Jobs;
using Kairos.Factory.Store;
using Microsoft.AspNetCore.Mvc;

namespace Kairos.Factory.Api;

/// <summary>
/// A build's log: the whole log from the start (or from after the line a reconnecting client's <c>Last-Event-ID</c>
/// names), then new lines live, until the build ends. Over Server-Sent Events (an <c>end</c> event carries the final
/// status), or over a WebSocket as the classic Factory served it (a text frame per line, closed with the status).
/// </summary>
public static class LogEndpoints
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/builds/{id}/logs", FollowAsync)
            .WithTags("Builds").WithName("FollowBuildLog").WithSummary("Replay, then follow, a build's log (SSE or WebSocket)")
            .WithDescription("text/event-stream: one `data:` event per log line (id = line number), then `event: end` with the final status. A reconnecting client's `Last-Event-ID` header (what EventSource sends) resumes after that line instead of replaying from the first. A WebSocket upgrade on the same URL (the classic Factory's log protocol) gets one text frame per line and a normal close whose description is the final status. A client that disconnects stops only its own stream. Needs the token (Authorization header) unless the server runs with --public-read; a browser page reads the stream with fetch, since EventSource cannot send the header.")
            .Produces<string>(StatusCodes.Status200OK, "text/event-stream")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .RequireToken(Access.Read);

    private static async Task FollowAsync(string id, [FromHeader(Name = "Last-Event-ID")] string? lastEventId, HttpContext http, JobStore store, LogHub hub, LogFollowers followers, HostCheck hosts, FactoryOptions options)
    {
        if (store.Get(id) is null)
        {
            await ProblemResults.NotFound(id).ExecuteAsync(http);
            return;
        }

        if (http.WebSockets.IsWebSocketRequest && hosts.OriginProblem(http.Request) is { } origin)
        {
            await Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden", detail: origin).ExecuteAsync(http);
            return;
        }

        using var lease = followers.TryEnter(http.Connection.RemoteIpAddress);
        if (lease is null)
        {
            http.Response.Headers.RetryAfter = "10";
            await Results.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too Many Requests",
                detail: $"too many open log streams (at most {options.MaxLogFollowers}, {options.MaxLogFollowersPerClient} per client); close one or retry later").ExecuteAsync(http);
            return;
        }

        // the stream ends when the client goes away, or when it has had nothing to send for the idle timeout
        using var idle = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted);
        var cancellation = idle.Token;
        idle.CancelAfter(options.LogIdleTimeout);
        var reader = new LogReader(Path.Combine(options.JobsDir, id, "build.log"), ResumeAfter(lastEventId));
        try
        {
            if (http.WebSockets.IsWebSocketRequest)
            {
                using var socket = await http.WebSockets.AcceptWebSocketAsync();
                var status = await PumpAsync(id, store, hub, reader, batch => SendFramesAsync(socket, batch, cancellation), idle, options.LogIdleTimeout);
                await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, status, cancellation);
                return;
            }

            http.Response.ContentType = "text/event-stream";
            http.Response.Headers.CacheControl = "no-cache";
            http.Response.Headers["X-Accel-Buffering"] = "no";
            var end = await PumpAsync(id, store, hub, reader, batch => SendEventsAsync(http.Response, batch, cancellation), idle, options.LogIdleTimeout);
            await http.Response.WriteAsync($"event: end\ndata: {{\"status\":\"{end}\"}}\n\n", cancellation);
            await http.Response.Body.FlushAsync(cancellation);
        }
        catch (Exception exception) when (cancellation.IsCancellationRequested && exception is OperationCanceledException or WebSocketException)
        {
            // the client went away, or the stream was idle too long (an EventSource reconnects with Last-Event-ID); the build goes on
        }
    }

    /// <summary>Sends the log's lines as they come until the build ends; returns its final status. Each batch sent restarts the idle timer.</summary>
    private static async Task<string> PumpAsync(string id, JobStore store, LogHub hub, LogReader reader, Func<IReadOnlyList<(int Number, string Text)>, Task> send, CancellationTokenSource idle, TimeSpan idleTimeout)
    {
        var cancellation = idle.Token;
        while (true)
        {
            // read the state before the file: a job that ended has written its last line already
            var job = store.Get(id);
            await reader.ReadNewLinesAsync(
                async batch =>
                {
                    await send(batch);
                    idle.CancelAfter(idleTimeout);
                },
                cancellation);
            if (job is null || JobStatus.IsFinished(job.Status))
            {
                return job?.Status ?? "deleted";
            }

            await hub.WaitAsync(id, TimeSpan.FromSeconds(1), cancellation);
        }
    }

    private static async Task SendEventsAsync(HttpResponse response, IReadOnlyList<(int Number, string Text)> batch, CancellationToken cancellation)
    {
        var output = new StringBuilder();
        foreach (var (number, text) in batch)
        {
            output.Append("id: ").Append(number).Append("\ndata: ").Append(text).Append("\n\n");
        }

        await response.WriteAsync(output.ToString(), cancellation);
        await response.Body.FlushAsync(cancellation);
    }

    private static async Task SendFramesAsync(WebSocket socket, IReadOnlyList<(int Number, string Text)> batch, CancellationToken cancellation)
    {
        foreach (var (_, text) in batch)
        {
            await socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, endOfMessage: true, cancellation);
        }
    }

    /// <summary>The line a reconnecting client saw last (its <c>Last-Event-ID</c>), or 0; anything else is ignored, as the SSE spec has it.</summary>
    private static int ResumeAfter(string? lastEventId) =>
        int.TryParse(lastEventId, NumberStyles.None, CultureInfo.InvariantCulture, out var line) ? line : 0;

    /// <summary>
    /// Reads a growing log by byte offset, always just after a newline, so a UTF-8 character the writer has only half
    /// written is never decoded; in chunks, so a follower catching up on a long log holds one chunk, not the file.
    /// Lines up to <c>skipThrough</c> are counted, not sent. A line longer than a chunk goes out cut at the chunk's end.
    /// A chunk is small (64 KiB): hundreds of slow followers of a long log hold a chunk each, and Kestrel's own buffer.
    /// </summary>
    private sealed class LogReader(string path, int skipThrough)
    {
        private const int ChunkBytes = 64 << 10;
        private long _position;
        private int _line;

        public async Task ReadNewLinesAsync(Func<IReadOnlyList<(int Number, string Text)>, Task> send, CancellationToken cancellation)
        {
            if (!File.Exists(path))
            {
                return;
            }

            await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            var buffer = new byte[(int)Math.Clamp(file.Length - _position, 0, ChunkBytes)];
            while (buffer.Length > 0 && file.Length > _position)
            {
                file.Seek(_position, SeekOrigin.Begin);
                var read = await file.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, cancellation);
                if (read == 0)
                {
                    break;
                }

                // logs written before the writer dropped its byte-order mark start with one
                var first = _position == 0 && read >= 3 && buffer[0] == 0xEF && buffer[1] == 0xBB && buffer[2] == 0xBF ? 3 : 0;
                var complete = Array.LastIndexOf(buffer, (byte)'\n', read - 1);
                if (complete < 0)
                {
                    if (read < ChunkBytes)
                    {
                        break; // the writer is mid-line: the rest comes with the next read
                    }

                    complete = read;
                }

                var batch = new List<(int, string)>();
                foreach (var text in Encoding.UTF8.GetString(buffer, first, Math.Max(complete - first, 0)).Split('\n'))
                {
                    if (++_line > skipThrough)
                    {
                        batch.Add((_line, text));
                    }
                }

                if (batch.Count > 0)
                {
                    await send(batch);
                }

                _position += Math.Min(complete + 1, read);
            }
        }
    }
}
