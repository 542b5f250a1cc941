// The SDK's `HttpError`: thrown by consoleFetch* for a non-OK response (other than 304).

export class HttpError extends Error {
  code?: number;
  response?: Response;
  json?: unknown;

  constructor(message: string, code?: number, response?: Response, json?: unknown) {
    super(message);
    Object.defineProperty(this, 'name', { value: 'HttpError', configurable: true });
    this.code = code;
    this.response = response;
    this.json = json;
  }
}

export class TimeoutError extends Error {
  constructor(
    readonly url: string,
    readonly ms: number,
  ) {
    super(`Call to ${url} timed out after ${ms}ms.`);
    Object.defineProperty(this, 'name', { value: 'TimeoutError', configurable: true });
  }
}

/** The message of a Kubernetes `Status` body (or `{error}` / `{message}` bodies of the backend). */
export const messageFromBody = (body: unknown): string | undefined => {
  if (body && typeof body === 'object') {
    const record = body as Record<string, unknown>;
    for (const key of ['message', 'error', 'reason']) {
      const value = record[key];
      if (typeof value === 'string' && value) return value;
    }
  }
  return undefined;
};
