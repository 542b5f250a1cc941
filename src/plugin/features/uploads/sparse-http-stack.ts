// tus-js-client's HTTP stack with our PATCH: each chunk carries the SHA-256 of its body (`Upload-Checksum:
// sha256 <base64>`, tus checksum extension; ARCHITECTURE.md §6) and, when the
// backend advertises the `vm-disks-zero-ranges` extension, goes as a sparse PATCH: the chunk's all-zero runs
// are declared in `Upload-Zero-Ranges` and the body holds only the other bytes (slices of the file: the browser
// streams them from disk). The backend answers with the chunk's end as `Upload-Offset`, so tus-js-client sees
// an ordinary chunk. The format is documented in src/server/uploads/README.md.
import * as tus from 'tus-js-client';
import { recordChunk } from './chunk-timeline';
import type { ChunkDigest } from './image-worker-client';
import { zeroRangesHeader } from './worker/zero-runs';

/** The extension's name and Content-Type, as src/server/uploads/tus-zero-ranges.ts defines them. */
export const ZERO_RANGES_EXTENSION = 'vm-disks-zero-ranges';
export const SPARSE_CONTENT_TYPE = 'application/vnd.vm-disks.sparse-octet-stream';

/** Whether the tus endpoint lists `vm-disks-zero-ranges` in `Tus-Extension` (OPTIONS); false when unsure. */
export async function endpointTakesZeroRanges(endpoint: string): Promise<boolean> {
  try {
    const res = await fetch(endpoint, { method: 'OPTIONS', credentials: 'same-origin' });
    return (res.headers.get('tus-extension') ?? '')
      .split(',')
      .map((e) => e.trim())
      .includes(ZERO_RANGES_EXTENSION);
  } catch {
    return false;
  }
}

export interface SparseStackOptions {
  /** The digest (and, with `sparse`, zero runs) of the chunk `body` that starts at `offset`. */
  digest(offset: number, body: Blob, sparse: boolean): Promise<ChunkDigest>;
  /** Whether sparse PATCHes may be sent (the backend advertised the extension). */
  sparse: boolean;
  /** Bytes declared as zeros so far (for the page's note). */
  onZeros?(bytes: number): void;
}

/** `body` without the zero runs, as slices of it (no copy). */
function bodyWithout(body: Blob, digest: ChunkDigest): Blob {
  const parts: Blob[] = [];
  let from = 0;
  for (const run of digest.zeroRuns) {
    if (run.start > from) parts.push(body.slice(from, run.start));
    from = run.start + run.length;
  }
  if (from < body.size) parts.push(body.slice(from));
  return new Blob(parts, { type: SPARSE_CONTENT_TYPE });
}

/**
 * Headers are kept here and given to the real request only when it is sent: XHR's `setRequestHeader` appends
 * to a header already set, and a sparse PATCH replaces tus-js-client's Content-Type.
 */
class SparseRequest implements tus.HttpRequest {
  private readonly headers = new Map<string, string>();
  private progress: (sent: number) => void = () => undefined;
  private current: tus.HttpRequest | undefined;
  private aborted = false;

  constructor(
    private readonly inner: tus.HttpStack,
    private readonly method: string,
    private readonly url: string,
    private readonly stack: SparseHttpStack,
  ) {}

  getMethod(): string {
    return this.method;
  }
  getURL(): string {
    return this.url;
  }
  setHeader(name: string, value: string): void {
    this.headers.set(name, value);
  }
  getHeader(name: string): string | undefined {
    return this.headers.get(name);
  }
  setProgressHandler(handler: (sent: number) => void): void {
    this.progress = handler;
  }
  async abort(): Promise<void> {
    this.aborted = true;
    await this.current?.abort();
  }
  getUnderlyingObject(): unknown {
    return this.current?.getUnderlyingObject();
  }

  /** The real request with our headers, `overrides` replacing any of the same name. */
  private request(
    overrides: Record<string, string>,
    progress: (sent: number) => void,
  ): tus.HttpRequest {
    if (this.aborted) throw new Error('the request was aborted');
    const req = this.inner.createRequest(this.method, this.url);
    const names = new Set(Object.keys(overrides).map((n) => n.toLowerCase()));
    for (const [name, value] of this.headers) {
      if (!names.has(name.toLowerCase())) req.setHeader(name, value);
    }
    for (const [name, value] of Object.entries(overrides)) req.setHeader(name, value);
    req.setProgressHandler(progress);
    this.current = req;
    return req;
  }

  async send(body: unknown): Promise<tus.HttpResponse> {
    if (this.method !== 'PATCH' || !(body instanceof Blob)) {
      return this.request({}, this.progress).send(body);
    }
    const offset = Number(this.headers.get('Upload-Offset'));
    const sparse = this.stack.sparse;
    const waitFrom = performance.now();
    const digest = await this.stack.options.digest(offset, body, sparse);
    if (!sparse || digest.zeroRuns.length === 0) {
      return this.timed(offset, body, digest, waitFrom, () =>
        this.request({ 'Upload-Checksum': `sha256 ${digest.sha256}` }, this.progress).send(body),
      );
    }
    const res = await this.timed(offset, body, digest, waitFrom, () =>
      this.sendSparse(body, digest),
    );
    if (res.getStatus() !== 415) return res;
    // Refused after all (a server that does not take it): send the bytes from now on.
    this.stack.sparse = false;
    const whole = await this.stack.options.digest(offset, body, false);
    return this.request({ 'Upload-Checksum': `sha256 ${whole.sha256}` }, this.progress).send(body);
  }

  /** Sends the chunk's PATCH and records its timing (chunk-timeline.ts). */
  private async timed(
    offset: number,
    body: Blob,
    digest: ChunkDigest,
    waitFrom: number,
    send: () => Promise<tus.HttpResponse>,
  ): Promise<tus.HttpResponse> {
    const at = performance.now();
    const res = await send();
    const sent =
      body.size - (this.stack.sparse ? digest.zeroRuns.reduce((n, r) => n + r.length, 0) : 0);
    recordChunk({
      offset,
      bytes: body.size,
      sent,
      readMs: digest.readMs,
      digestMs: digest.digestMs,
      waitMs: at - waitFrom,
      patchMs: performance.now() - at,
      at,
    });
    return res;
  }

  private async sendSparse(body: Blob, digest: ChunkDigest): Promise<tus.HttpResponse> {
    const data = bodyWithout(body, digest);
    const zeros = body.size - data.size;
    // Progress in the chunk's bytes (tus-js-client adds it to the offset): the zeros count as sent in step.
    const scale = data.size > 0 ? body.size / data.size : 1;
    const progress = this.progress;
    const req = this.request(
      {
        'Content-Type': SPARSE_CONTENT_TYPE,
        'Upload-Zero-Ranges': zeroRangesHeader(digest.zeroRuns),
        'Upload-Checksum': `sha256 ${digest.sha256}`,
      },
      (sent) => {
        progress(Math.min(body.size, Math.round(sent * scale)));
      },
    );
    const res = await req.send(data);
    if (res.getStatus() === 204) this.stack.options.onZeros?.(zeros);
    return res;
  }
}

export class SparseHttpStack implements tus.HttpStack {
  sparse: boolean;
  private readonly inner = new tus.DefaultHttpStack({});

  constructor(readonly options: SparseStackOptions) {
    this.sparse = options.sparse;
  }

  createRequest(method: string, url: string): tus.HttpRequest {
    return new SparseRequest(this.inner, method, url, this);
  }

  getName(): string {
    return 'vm-disks-sparse';
  }
}
