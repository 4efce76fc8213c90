// Follows a build's log over the server's SSE endpoint: the whole log from the first line, then live lines, then "end".
export function followLog(id, { onLine, onEnd, onError }) {
  const source = new EventSource(`/api/v1/builds/${encodeURIComponent(id)}/logs`);
  let lastId = 0;
  source.onmessage = event => {
    // after a reconnect the server replays from the start: skip the lines already shown
    const number = Number(event.lastEventId);
    if (number && number <= lastId) return;
    if (number) lastId = number;
    onLine(event.data);
  };
  source.addEventListener('end', event => {
    source.close();
    onEnd?.(JSON.parse(event.data).status);
  });
  source.onerror = () => {
    // EventSource retries by itself; a 404 (build deleted) closes it for good
    if (source.readyState === EventSource.CLOSED) onError?.();
  };
  return () => source.close();
}
