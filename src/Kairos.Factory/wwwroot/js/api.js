// The Factory API as the page uses it: JSON calls with the session's bearer token, problems as errors.
const TOKEN_KEY = 'kairos-factory-token';
const listeners = new Set();

export const token = {
  get: () => sessionStorage.getItem(TOKEN_KEY) || '',
  set(value) { sessionStorage.setItem(TOKEN_KEY, value); listeners.forEach(listener => listener()); },
  clear() { sessionStorage.removeItem(TOKEN_KEY); listeners.forEach(listener => listener()); },
  onChange: listener => listeners.add(listener),
};

/** An API answer that was not 2xx: status, the problem's detail and the per-field errors (RFC 7807). */
export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail || problem?.title || `HTTP ${status}`);
    this.status = status;
    this.errors = problem?.errors || {};
  }
}

/** Raised (and announced) when a call needs the token and it is missing or does not match. */
export class TokenError extends ApiError {}

const tokenProblems = new Set();
export const onTokenProblem = listener => tokenProblems.add(listener);

export async function call(method, path, body) {
  const headers = { Accept: 'application/json' };
  if (token.get()) headers.Authorization = `Bearer ${token.get()}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(`/api/v1${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await response.text();
  const data = text ? JSON.parse(text) : null;
  if (response.status === 401) {
    const error = new TokenError(401, data);
    error.message = token.get() ? 'The API token does not match this server. Enter the right one above.' : 'This needs the API token: enter it above (kairos-factory printed it at first start; it is in DATA_DIR/secrets/api-token).';
    tokenProblems.forEach(listener => listener(error.message));
    throw error;
  }
  if (!response.ok) throw new ApiError(response.status, data);
  return native(data);
}

// A server started as 'web' spells a succeeded build the classic way: the page speaks the names of GET /config's
// statuses, and reads the others by its status_aliases (asked for once, when an answer first carries a status).
let aliases = null;
async function native(data) {
  const builds = data && Array.isArray(data.builds) ? data.builds : null;
  if (!builds && typeof data?.status !== 'string') return data;
  aliases ??= call('GET', '/config').then(config => config.status_aliases || {}, () => { aliases = null; return {}; });
  const names = await aliases;
  const one = build => (build && Object.hasOwn(names, build.status) ? { ...build, status: names[build.status] } : build);
  if (builds) data.builds = builds.map(one);
  return one(data);
}

export const getJson = path => call('GET', path);

/** Checks a token without changing anything (GET /auth/check: 204 when it matches, 401 when not). */
export async function tokenIsValid(candidate) {
  const response = await fetch('/api/v1/auth/check', { headers: { Authorization: `Bearer ${candidate}` } });
  return response.status === 204;
}
