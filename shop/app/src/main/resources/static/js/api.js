// The one way pages talk to the shop API: same-origin JSON, the CSRF token on state changes,
// RFC 7807 problems turned into ApiProblem errors, and "the API is down" turned into
// ApiUnavailable so every page can say so plainly instead of showing a broken screen.

/** The API answered with a problem detail (4xx, or a 5xx that is not an outage). */
export class ApiProblem extends Error {
  constructor(status, problem) {
    super(problem?.detail || problem?.title || `Request failed (${status})`);
    this.name = 'ApiProblem';
    this.status = status;
    this.problem = problem ?? {};
    this.fieldErrors = normaliseFieldErrors(this.problem);
  }

  get title() {
    return this.problem.title || 'Something went wrong';
  }
}

/** The API could not be reached (network error, gateway error, or the service worker's stand-in). */
export class ApiUnavailable extends Error {
  constructor(cause) {
    super('The shop is temporarily unavailable.');
    this.name = 'ApiUnavailable';
    this.cause = cause;
  }
}

// Field errors arrive in the shapes Spring and RFC 7807 examples use; pages want one.
function normaliseFieldErrors(problem) {
  const list = problem.errors || problem.fieldErrors || problem['invalid-params'] || problem.invalidParams || [];
  if (!Array.isArray(list)) {
    return Object.entries(list).map(([field, message]) => ({ field, message: String(message) }));
  }
  return list.map((e) => ({
    field: e.field ?? e.name ?? e.pointer?.replace(/^#?\//, '') ?? '',
    message: e.message ?? e.reason ?? e.detail ?? String(e),
  }));
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** The CSRF token the server put in the XSRF-TOKEN cookie (Spring Security's cookie repository). */
export function csrfToken() {
  const match = document.cookie.match(/(?:^|;\s*)XSRF-TOKEN=([^;]*)/);
  return match ? decodeURIComponent(match[1]) : null;
}

/**
 * Sends a request. Options: body (JSON-encoded unless FormData), headers, signal, cache (fetch's
 * cache mode).
 * Resolves to the parsed JSON body (or null), rejects with ApiProblem or ApiUnavailable.
 */
export async function request(method, path, { body, headers = {}, signal, raw = false, cache } = {}) {
  const init = {
    method,
    cache,
    credentials: 'same-origin',
    headers: { Accept: 'application/json, application/problem+json', ...headers },
    signal,
  };
  if (body !== undefined) {
    if (body instanceof FormData || body instanceof Blob) {
      init.body = body;
    } else {
      init.body = JSON.stringify(body);
      init.headers['Content-Type'] = 'application/json';
    }
  }
  let response;
  try {
    // Reads never set the cookie (a cacheable catalogue answer carries no Set-Cookie): a first
    // change asks for the token once.
    if (UNSAFE.has(method) && !csrfToken()) {
      await fetch('/api/auth/csrf', { credentials: 'same-origin', cache: 'no-store' });
    }
    const sentToken = UNSAFE.has(method) ? csrfToken() : null;
    if (sentToken) init.headers['X-XSRF-TOKEN'] = sentToken;
    response = await fetch(path, init);
    // The token changed meanwhile (a sign-in or sign-out in another tab): the refusal itself sets
    // the new cookie, so retry once.
    if (response.status === 403 && UNSAFE.has(method) && csrfToken() && csrfToken() !== sentToken) {
      init.headers['X-XSRF-TOKEN'] = csrfToken();
      response = await fetch(path, init);
    }
  } catch (error) {
    if (error?.name === 'AbortError') throw error;
    throw new ApiUnavailable(error);
  }
  if (response.headers.get('X-SJ-Cache') === 'stale') {
    document.dispatchEvent(new CustomEvent('sj:stale', { detail: { path } }));
  }
  if (response.headers.get('X-SJ-Offline') || response.status === 502 || response.status === 504) {
    throw new ApiUnavailable(new Error(`HTTP ${response.status}`));
  }
  if (!response.ok) {
    const problem = await response.json().catch(() => ({ title: response.statusText }));
    if (response.status === 503) throw new ApiUnavailable(new ApiProblem(503, problem));
    throw new ApiProblem(response.status, problem);
  }
  if (raw) return response;
  if (response.status === 204) return null;
  const type = response.headers.get('Content-Type') || '';
  return type.includes('json') ? response.json() : null;
}

export const api = {
  get: (path, options) => request('GET', path, options),
  post: (path, body, options = {}) => request('POST', path, { ...options, body }),
  put: (path, body, options = {}) => request('PUT', path, { ...options, body }),
  patch: (path, body, options = {}) => request('PATCH', path, { ...options, body }),
  delete: (path, options) => request('DELETE', path, options),
};

/**
 * Whether the API answers, as the service worker finds by probing it. Without a service worker
 * (first visit, old browser) the answer is "yes" and the real request will tell.
 */
export function apiReachable() {
  const worker = navigator.serviceWorker?.controller;
  if (!worker) return Promise.resolve(true);
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    const timer = setTimeout(() => resolve(true), 6000);
    channel.port1.onmessage = (event) => {
      clearTimeout(timer);
      resolve(event.data?.up !== false);
    };
    worker.postMessage({ type: 'api-status' }, [channel.port2]);
  });
}

/** Throws ApiUnavailable when the service worker finds the API down. */
export async function requireApi() {
  if (!(await apiReachable())) throw new ApiUnavailable(new Error('API probe failed'));
}

/** A fresh idempotency key: one per checkout attempt, reused when the shopper retries it. */
export function newIdempotencyKey() {
  return crypto.randomUUID();
}
