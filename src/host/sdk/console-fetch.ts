// consoleFetch / consoleFetchJSON / consoleFetchText: fetch with the bridge's CSRF header, a timeout, and
// `HttpError` (message = the API's Status message) for non-OK responses.
import { csrfHeaders } from './csrf';
import { HttpError, TimeoutError, messageFromBody } from './http-error';

const DEFAULT_TIMEOUT_MS = 60_000;

const documentCookie = (): string => (typeof document === 'undefined' ? '' : document.cookie);

const withTimeout = async <T>(url: string, promise: Promise<T>, timeout: number): Promise<T> => {
  if (timeout <= 0) return promise;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const expiry = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      reject(new TimeoutError(url, timeout));
    }, timeout);
  });
  try {
    return await Promise.race([promise, expiry]);
  } finally {
    clearTimeout(timer);
  }
};

const errorFromResponse = async (response: Response): Promise<HttpError> => {
  const text = await response.text().catch(() => '');
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  const message =
    messageFromBody(json) ??
    (text && text.length < 500 ? text : response.statusText || `HTTP ${response.status}`);
  return new HttpError(message, response.status, response, json);
};

export const consoleFetch = async (
  url: string,
  options: RequestInit = {},
  timeout: number = DEFAULT_TIMEOUT_MS,
): Promise<Response> => {
  const headers = new Headers(options.headers);
  for (const [k, v] of Object.entries(csrfHeaders(url, options.method, documentCookie()))) {
    headers.set(k, v);
  }
  const response = await withTimeout(
    url,
    fetch(url, { credentials: 'same-origin', ...options, headers }),
    timeout,
  );
  if (response.ok || response.status === 304) return response;
  throw await errorFromResponse(response);
};

const parseJSON = async (response: Response): Promise<unknown> => {
  const text = await response.text();
  if (!text) return {};
  return JSON.parse(text) as unknown;
};

const fetchJSON = async (
  url: string,
  method = 'GET',
  options: RequestInit = {},
  timeout?: number,
  body?: unknown,
  contentType = 'application/json',
): Promise<unknown> => {
  const headers = new Headers(options.headers);
  if (!headers.has('Accept')) headers.set('Accept', 'application/json');
  const init: RequestInit = { ...options, method, headers };
  if (body !== undefined && body !== null) {
    headers.set('Content-Type', contentType);
    init.body = JSON.stringify(body);
  }
  const response = await consoleFetch(url, init, timeout);
  return parseJSON(response);
};

type JSONMethod = (
  url: string,
  json?: unknown,
  options?: RequestInit,
  timeout?: number,
) => Promise<unknown>;

interface ConsoleFetchJSONFn {
  (url: string, method?: string, options?: RequestInit, timeout?: number): Promise<unknown>;
  delete: JSONMethod;
  post: JSONMethod;
  put: JSONMethod;
  patch: JSONMethod;
}

const jsonMethod =
  (method: string, contentType?: string): JSONMethod =>
  (url, json, options = {}, timeout) =>
    fetchJSON(url, method, options, timeout, json, contentType);

export const consoleFetchJSON: ConsoleFetchJSONFn = Object.assign(
  (url: string, method?: string, options?: RequestInit, timeout?: number) =>
    fetchJSON(url, method, options, timeout),
  {
    delete: jsonMethod('DELETE'),
    post: jsonMethod('POST'),
    put: jsonMethod('PUT'),
    patch: jsonMethod('PATCH', 'application/json-patch+json'),
  },
);

export const consoleFetchText = async (
  url: string,
  options?: RequestInit,
  timeout?: number,
): Promise<string> => {
  const response = await consoleFetch(url, options, timeout);
  return response.text();
};
