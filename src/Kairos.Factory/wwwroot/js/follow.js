// Follows a build's log over the server's SSE endpoint: the whole log from the first line, then live lines, then "end".
// Read with fetch, not EventSource: reading a log needs the API token, and EventSource cannot send a header.
import { token } from './api.js';

export function followLog(id, { onLine, onEnd, onError }) {
  const abort = new AbortController();
  let lastId = 0;
  let ended = false;

  // one SSE event (its lines without the blank line that ends it)
  function dispatch(lines) {
    let event = 'message';
    let number = 0;
    const data = [];
    for (const line of lines) {
      const colon = line.indexOf(':');
      const field = colon < 0 ? line : line.slice(0, colon);
      const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (field === 'event') event = value;
      else if (field === 'id') number = Number(value);
      else if (field === 'data') data.push(value);
    }
    if (event === 'end') {
      ended = true;
      onEnd?.(JSON.parse(data.join('\n')).status);
      return;
    }
    if (!data.length || (number && number <= lastId)) return;
    if (number) lastId = number;
    onLine(data.join('\n'));
  }

  async function read() {
    const headers = { Accept: 'text/event-stream' };
    if (token.get()) headers.Authorization = `Bearer ${token.get()}`;
    if (lastId) headers['Last-Event-ID'] = String(lastId);
    const response = await fetch(`/api/v1/builds/${encodeURIComponent(id)}/logs`, { headers, signal: abort.signal });
    if (!response.ok) return response.status;
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    let lines = [];
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return 0;
      buffer += value;
      let end;
      while ((end = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, end).replace(/\r$/, '');
        buffer = buffer.slice(end + 1);
        if (line === '') { dispatch(lines); lines = []; } else lines.push(line);
        if (ended) { abort.abort(); return 0; }
      }
    }
  }

  (async () => {
    // reconnect after a dropped or idle-closed stream, resuming after the last line shown (as EventSource would)
    while (!ended && !abort.signal.aborted) {
      let status = 0;
      try { status = await read(); } catch { if (abort.signal.aborted) return; }
      if (ended || abort.signal.aborted) return;
      if (status === 401 || status === 403 || status === 404) { onError?.(status); return; }
      await new Promise(resolve => setTimeout(resolve, 3000));
    }
  })();
  return () => abort.abort();
}
