// The workspace's calls: JSON in and out, the session's antiforgery token on every write, ETags for If-Match, and a
// refusal (ProblemDetails) thrown as a Problem the views show field by field.
let antiforgeryToken = null;

export const useAntiforgery = (token) => { antiforgeryToken = token ?? antiforgeryToken; };

export class Problem extends Error {
  constructor(status, body) {
    super(body?.detail ?? body?.title ?? `HTTP ${status}`);
    this.status = status;
    this.title = body?.title ?? '';
    this.errors = body?.errors ?? [];
  }
}

/** A call; a File or Blob body is sent as it is (an upload), anything else as JSON. */
export async function call(path, { method = 'GET', body, etag, contentType = 'application/json', headers: extra = {} } = {}) {
  const headers = { Accept: 'application/json, application/geo+json', ...extra };
  if (body !== undefined) headers['Content-Type'] = contentType;
  if (method !== 'GET' && antiforgeryToken) headers['X-CSRF-Token'] = antiforgeryToken;
  if (etag) headers['If-Match'] = etag;
  const raw = body instanceof Blob;
  const response = await fetch(path, { method, headers, credentials: 'same-origin', body: body === undefined ? undefined : raw ? body : JSON.stringify(body) });
  const text = await response.text();
  let json = null;
  try { json = text ? JSON.parse(text) : null; } catch { json = { detail: text }; }
  if (!response.ok) throw new Problem(response.status, json);
  return { json, etag: response.headers.get('ETag'), status: response.status, location: response.headers.get('Location') };
}

/** A fresh antiforgery token for this browser (signing in needs one before there is a session). */
export async function antiforgery() {
  const { json } = await call('/workspace/antiforgery');
  useAntiforgery(json.token);
}

/** One feature's URL in the OGC API (its edits, its history, its versions hang off it). */
export const itemUrl = (layer, code) => `/ogc/collections/${layer}/items/${encodeURIComponent(code)}`;

/** Every feature an OGC items query answers: pages of 1000, following the next links. */
export async function allItems(url) {
  const features = [];
  while (url) {
    const { json } = await call(url);
    features.push(...json.features);
    url = json.links?.find((l) => l.rel === 'next')?.href ?? null;
  }
  return features;
}
