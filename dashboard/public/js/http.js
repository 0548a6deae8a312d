// One way to call the gateway: bounded, never throws, and always says what went wrong.

const TIMEOUT_MS = 5000;

/** Resolves to { ok, status, data, headers, ms, error }; status 0 means no HTTP answer at all. */
export async function call(path, { method = 'GET', body, headers: extra = {} } = {}) {
  const headers = { Accept: 'application/json', ...extra };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const started = performance.now();
  try {
    const response = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      cache: 'no-store',
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    const text = await response.text();
    const json = (response.headers.get('Content-Type') ?? '').includes('json');
    const data = json ? parse(text) : text;
    return { ok: response.ok, status: response.status, data, headers: response.headers, ms: elapsed(started) };
  } catch (e) {
    const error = e.name === 'TimeoutError' ? `no answer within ${TIMEOUT_MS / 1000} s` : 'the gateway is unreachable';
    return { ok: false, status: 0, data: null, ms: elapsed(started), error };
  }
}

/** A one-line reason for a failed call, preferring what the service itself said. */
export function describe(result) {
  if (result.status === 0) return result.error;
  const data = result.data && typeof result.data === 'object' ? result.data : {};
  const said = data.detail ?? data.error ?? data.message ?? data.title;
  // nginx answers 502/504 itself with an HTML page when the service behind it is down or slow.
  const reason = said ?? (result.status >= 502 && result.status <= 504 ? 'the service behind the gateway is not answering' : null);
  return `HTTP ${result.status}${reason ? `: ${reason}` : ''}`;
}

function parse(text) {
  try {
    return text ? JSON.parse(text) : null;
  } catch {
    return text;
  }
}

function elapsed(started) {
  return Math.round(performance.now() - started);
}
