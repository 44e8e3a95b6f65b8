/**
 * The one way the web app talks to /api: same-origin fetch with the session cookie, the
 * CSRF token on every state-changing request, the UI language in Accept-Language (so the
 * server's error messages come back in it), and the `{ error: { code, message, field } }`
 * shape turned into an ApiError a form can place at the right field.
 */

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** The request field the server blames, e.g. "name" or "body.idNumber". */
    readonly field: string | null,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

let csrfToken: string | null = null;
let language = "zh-CN";
const activityListeners = new Set<() => void>();
const unauthorizedListeners = new Set<(error: ApiError) => void>();

export function setCsrfToken(token: string | null) {
  csrfToken = token;
}

export function setApiLanguage(lang: string) {
  language = lang;
}

/** Every answered request refreshes the server's idle timer; the idle warning listens here. */
export function onApiActivity(listener: () => void): () => void {
  activityListeners.add(listener);
  return () => activityListeners.delete(listener);
}

/** A 401 anywhere means the session is gone (idle, expired, signed out elsewhere). */
export function onUnauthorized(listener: (error: ApiError) => void): () => void {
  unauthorizedListeners.add(listener);
  return () => unauthorizedListeners.delete(listener);
}

type Query = Record<string, string | number | boolean | null | undefined>;

export function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== "") params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

const SAFE = new Set(["GET", "HEAD"]);

/** Reads the error shape; anything else (a proxy's HTML page, a dropped line) gets a generic code. */
export async function toApiError(response: Response): Promise<ApiError> {
  try {
    const body = (await response.json()) as {
      error?: { code?: string; message?: string; field?: string | null };
    };
    if (body.error?.message) {
      return new ApiError(
        response.status,
        body.error.code ?? "error",
        body.error.message,
        body.error.field ?? null,
      );
    }
  } catch {
    // Not JSON: fall through to the status line.
  }
  return new ApiError(response.status, "http_error", `HTTP ${response.status}`, null);
}

export async function request(
  method: string,
  path: string,
  options: { body?: unknown; query?: Query; file?: File; signal?: AbortSignal } = {},
): Promise<Response> {
  const headers: Record<string, string> = { "Accept-Language": language };
  if (!SAFE.has(method) && csrfToken) headers["x-csrf-token"] = csrfToken;
  let body: BodyInit | undefined;
  if (options.file) {
    // A file goes as the raw body with its own type; its name travels in a header.
    headers["Content-Type"] = options.file.type || "application/octet-stream";
    headers["x-file-name"] = encodeURIComponent(options.file.name);
    body = options.file;
  } else if (options.body !== undefined) {
    headers["Content-Type"] = "application/json";
    body = JSON.stringify(options.body);
  }
  const response = await fetch(withQuery(`/api${path}`, options.query), {
    method,
    headers,
    body,
    credentials: "same-origin",
    signal: options.signal,
  });
  for (const listener of activityListeners) listener();
  if (!response.ok) {
    const error = await toApiError(response);
    if (response.status === 401) for (const listener of unauthorizedListeners) listener(error);
    throw error;
  }
  return response;
}

export async function api<T>(
  method: string,
  path: string,
  options: { body?: unknown; query?: Query; file?: File } = {},
): Promise<T> {
  const response = await request(method, path, options);
  return (await response.json()) as T;
}

export const get = <T>(path: string, query?: Query) => api<T>("GET", path, { query });
export const post = <T>(path: string, body: unknown = {}) => api<T>("POST", path, { body });
export const patch = <T>(path: string, body: unknown) => api<T>("PATCH", path, { body });
