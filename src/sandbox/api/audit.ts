/**
 * A minimal audit log, like the API server's `--audit-log-path` at level Metadata: one JSON line per resource
 * request, appended to `<dataDir>/audit.log`, recording who did what and the answer. Never a token, header or
 * body. Discovery and health requests are not recorded; requests refused before routing (401) are.
 */
import { createWriteStream, type WriteStream } from 'node:fs';
import type { IncomingMessage } from 'node:http';

export interface AuditRecord {
  /** RFC 3339 time the response finished. */
  time: string;
  /** The authenticated (or impersonated) user name; '' when the request was not authenticated. */
  user: string;
  verb: string;
  /** `<plural>` or `<plural>.<group>`; '' when the path named no resource. */
  resource: string;
  subresource?: string;
  namespace?: string;
  name?: string;
  code: number;
}

export const AUDIT_LOG_FILE = 'audit.log';

type Pending = Partial<Omit<AuditRecord, 'time' | 'code'>>;

export class AuditLog {
  private readonly stream: WriteStream;
  private readonly pending = new WeakMap<IncomingMessage, Pending>();

  constructor(file: string) {
    this.stream = createWriteStream(file, { flags: 'a' });
    this.stream.on('error', () => undefined);
  }

  /** Notes who sent the request. */
  identify(req: IncomingMessage, user: string): void {
    this.pending.set(req, { ...this.pending.get(req), user });
  }

  /** Notes which resource the request addresses. */
  describe(
    req: IncomingMessage,
    r: { verb: string; resource: string; subresource?: string; namespace?: string; name?: string },
  ): void {
    this.pending.set(req, { ...this.pending.get(req), ...r });
  }

  /** Writes the record of a finished request (if it addressed a resource or was refused as anonymous). */
  finish(req: IncomingMessage, code: number): void {
    const p = this.pending.get(req);
    this.pending.delete(req);
    if (!p?.resource && code !== 401) return;
    const record: AuditRecord = {
      time: new Date().toISOString(),
      user: p?.user ?? '',
      verb: p?.verb ?? (req.method ?? 'GET').toLowerCase(),
      resource: p?.resource ?? '',
      ...(p?.subresource ? { subresource: p.subresource } : {}),
      ...(p?.namespace ? { namespace: p.namespace } : {}),
      ...(p?.name ? { name: p.name } : {}),
      code,
    };
    this.stream.write(`${JSON.stringify(record)}\n`);
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      this.stream.end(resolve);
    });
  }
}

/** Parses the lines of an audit log file (tests, benchmarks). */
export function parseAuditLog(text: string): AuditRecord[] {
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as AuditRecord);
}
