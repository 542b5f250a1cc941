/**
 * The CDI leg of an upload: as soon as the target is UploadReady, stream the staged bytes (while they still
 * arrive) to the CDI upload proxy with a fresh UploadTokenRequest token; verify the browser's SHA-256 before
 * the last piece goes out; on a failure of this leg start again from the staged copy (CDI cannot resume);
 * then follow CDI's import to Succeeded and drop the staged data.
 */
import type { IncomingMessage } from 'node:http';
import { withoutAddresses } from '../public-errors';
import type { ClientRequest } from 'node:http';
import { finished } from 'node:stream/promises';
import { KubeApiError, type KubeClient } from '../api/kube-client';
import type { Identity } from '../kube-target';
import {
  importPhase,
  proxyRequest,
  resolveUploadProxy,
  targetReadiness,
  uploadToken,
  type TargetRef,
  type UploadProxyEndpoint,
} from './cdi-client';
import type { SessionStore } from './session-store';
import type { StagedOffsets } from './staged-offsets';
import type { UploadSession } from './session-types';
import { ChecksumMismatch, RolledBack, Stalled, stagedBytes } from './staged-bytes';

export const MAX_CDI_ATTEMPTS = 5;
/**
 * Longest the CDI leg keeps its POST open without a byte to send. The upload proxy is reached through a Route
 * whose idle timeout cdi-operator sets to 60m (kubevirt/containerized-data-importer
 * `pkg/operator/controller/route.go`), but an administrator or an ingress in between may cut sooner (the
 * OpenShift router's default client timeout is 30 s): 20 s stays below both.
 */
export const DEFAULT_CDI_STALL_MS = 20_000;
const READY_TIMEOUT_MS = 10 * 60_000;
const IMPORT_TIMEOUT_MS = 60 * 60_000;

export interface ForwarderOptions {
  kube: KubeClient;
  store: SessionStore;
  stagedPath(id: string): string;
  /** How far each staged file is written (and verified): the CDI leg never reads beyond it. */
  offsets: StagedOffsets;
  /** Latest bearer token seen from this user (memory only). */
  tokenOf(owner: string): string | undefined;
  /** Called when the staged data may go (done, failed for good, cancelled). */
  dropStaged(id: string): Promise<void>;
  uploadProxyUrl?: string;
  /** In-cluster: the CDI upload proxy Service and its CA, found by discovery (src/server/in-cluster). */
  locateProxy?: () => Promise<UploadProxyEndpoint>;
  log(message: string): void;
  /** Delay between attempts (tests shorten it). */
  retryDelayMs?: number;
  /** Longest wait for the next byte on an open CDI request (default `DEFAULT_CDI_STALL_MS`). */
  stallMs?: number;
}

/** Read through a call: TypeScript would otherwise keep the value it narrowed before an await. */
const isAborted = (signal: AbortSignal): boolean => signal.aborted;

class PermanentFailure extends Error {
  override name = 'PermanentFailure';
}

function delay(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const onAbort = () => {
      clearTimeout(t);
      resolve();
    };
    const t = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/** Resolves once `piece` has been handed to the socket (the buffer may be reused afterwards). */
function writeFlushed(req: ClientRequest, piece: Buffer): Promise<void> {
  return new Promise((resolve, reject) => {
    // A destroyed request may never call back: its close ends the wait.
    const onClose = () => {
      reject(new Error('the connection to the CDI upload proxy closed'));
    };
    req.once('close', onClose);
    req.write(piece, (err) => {
      req.off('close', onClose);
      if (err) reject(err);
      else resolve();
    });
  });
}

/**
 * Sends the staged pieces as the request body, one write in flight while the next piece is read. The reader
 * reuses its two buffers (see `stagedBytes`): asking for piece i+1 happens only after piece i-1 is flushed.
 */
async function sendPieces(pieces: AsyncGenerator<Buffer>, req: ClientRequest): Promise<void> {
  let inFlight: Promise<void> = Promise.resolve();
  try {
    for await (const piece of pieces) {
      await inFlight;
      inFlight = writeFlushed(req, piece);
      // Handled here too: a failure while the next piece is being read must not go unobserved.
      inFlight.catch(() => undefined);
    }
    await inFlight;
    req.end();
    await finished(req, { readable: false });
  } catch (err) {
    req.destroy(err as Error);
    throw err;
  }
}

async function readText(res: IncomingMessage): Promise<string> {
  let text = '';
  for await (const chunk of res) text += (chunk as Buffer).toString('utf8');
  return text.trim();
}

export class Forwarder {
  private readonly running = new Map<string, AbortController>();
  /** Resolvers waiting for the browser's checksum, per session. */
  private readonly checksumWaiters = new Map<string, () => void>();

  constructor(private readonly o: ForwarderOptions) {}

  isRunning(id: string): boolean {
    return this.running.has(id);
  }

  /** Starts the CDI leg for the session unless it runs already or has nothing to do. */
  ensure(id: string): void {
    const s = this.o.store.get(id);
    if (!s || this.running.has(id)) return;
    if (['done', 'failed', 'cancelled'].includes(s.state)) return;
    const controller = new AbortController();
    this.running.set(id, controller);
    void this.run(id, controller.signal)
      .catch(async (err: unknown) => {
        if (controller.signal.aborted) return;
        this.o.log(`upload ${id}: ${(err as Error).message}`);
        await this.o.store.update(id, {
          state: 'failed',
          error: withoutAddresses((err as Error).message),
        });
        await this.o.dropStaged(id);
      })
      .finally(() => {
        if (this.running.get(id) === controller) this.running.delete(id);
      });
  }

  /** The browser's checksum arrived. */
  checksumArrived(id: string): void {
    this.checksumWaiters.get(id)?.();
  }

  /** Stops the CDI leg (cancel, shutdown). */
  stop(id: string): void {
    this.running.get(id)?.abort(new Error('cancelled'));
    this.running.delete(id);
  }

  stopAll(): void {
    for (const id of [...this.running.keys()]) this.stop(id);
  }

  private user(s: UploadSession): Identity | undefined {
    const token = this.o.tokenOf(s.owner);
    return token ? { kind: 'bearer', token } : undefined;
  }

  private async run(id: string, signal: AbortSignal): Promise<void> {
    let s = this.o.store.get(id);
    if (!s) return;
    const target: TargetRef = { namespace: s.namespace, kind: s.targetKind, name: s.targetName };
    if (s.state === 'importing') {
      await this.followImport(id, target, signal);
      return;
    }
    let attempts = s.cdiAttempts;
    for (;;) {
      if (signal.aborted) return;
      s = this.o.store.get(id);
      if (!s) return;
      const user = this.user(s);
      if (!user) {
        await this.o.store.update(id, { state: 'waiting-for-user' });
        return;
      }
      if (attempts >= MAX_CDI_ATTEMPTS) {
        throw new Error(
          `the CDI upload failed ${attempts} times; last error: ${s.error ?? 'unknown'}`,
        );
      }
      await this.waitReady(id, user, target, signal);
      if (isAborted(signal)) return;
      // No POST before there is a byte to send (issue 13, break 5): the token is fresh when the bytes are.
      await this.waitForBytes(id, 0, signal);
      if (isAborted(signal)) return;
      attempts += 1;
      await this.o.store.update(id, { state: 'forwarding', forwarded: 0, cdiAttempts: attempts });
      const idle = { waiting: false };
      try {
        await this.streamOnce(id, user, signal, idle);
        await this.o.store.update(id, { state: 'importing', error: undefined });
        await this.followImport(id, target, signal);
        return;
      } catch (err) {
        if (isAborted(signal)) return;
        if (err instanceof PermanentFailure || err instanceof ChecksumMismatch) throw err;
        if (err instanceof Stalled || err instanceof RolledBack || idle.waiting) {
          // Not CDI's failure: the browser paused, went slow, or resent a chunk. The attempt does not count;
          // the next one opens when there is something to send, and reads the staged copy from byte 0.
          attempts -= 1;
          this.o.log(
            `upload ${id}: CDI leg ended while waiting for the browser: ${(err as Error).message}`,
          );
          await this.o.store.update(id, {
            state: 'receiving',
            forwarded: 0,
            cdiAttempts: attempts,
            cdiIdleEnds: (this.o.store.get(id)?.cdiIdleEnds ?? 0) + 1,
          });
          if (err instanceof RolledBack) continue;
          await this.waitForProgress(id, signal);
          continue;
        }
        const message = (err as Error).message;
        this.o.log(
          `upload ${id}: CDI attempt ${attempts} failed: ${message}; retrying from the staged copy`,
        );
        await this.o.store.update(id, {
          error: `attempt ${attempts}: ${withoutAddresses(message)}`,
        });
        await delay(this.o.retryDelayMs ?? 2000, signal);
      }
    }
  }

  /** Until more than `position` bytes are staged (no request is open meanwhile). */
  private async waitForBytes(id: string, position: number, signal: AbortSignal): Promise<void> {
    while (!signal.aborted && (await this.o.offsets.readable(id)) <= position) {
      await this.o.offsets.beyond(id, position, signal).catch(() => undefined);
    }
  }

  /**
   * After a stall: until new bytes arrive, or everything is staged and verified so that an attempt can run to
   * the end without waiting (all bytes committed, and the chunks all checked or the browser's checksum in).
   */
  private async waitForProgress(id: string, signal: AbortSignal): Promise<void> {
    const from = await this.o.offsets.readable(id);
    while (!signal.aborted) {
      const s = this.o.store.get(id);
      if (!s) return;
      const readable = await this.o.offsets.readable(id);
      if (readable > from) return;
      const complete = (await this.o.offsets.committedLength(id)) >= s.size;
      if (complete && (s.sha256 || (s.everyChunkChecked && !s.sha256))) return;
      await this.o.offsets.next(id, signal).catch(() => undefined);
    }
  }

  private async waitReady(id: string, user: Identity, target: TargetRef, signal: AbortSignal) {
    const deadline = Date.now() + READY_TIMEOUT_MS;
    let first = true;
    while (!signal.aborted) {
      const r = await targetReadiness(this.o.kube, user, target);
      if (r.ready) return;
      if (r.permanent) {
        throw new PermanentFailure(
          `${target.name} is ${r.phase}${r.message ? `: ${r.message}` : ''}; it cannot take this upload`,
        );
      }
      if (r.phase === 'WaitForFirstConsumer' || r.phase === 'PendingPopulation') {
        throw new PermanentFailure(
          `${target.name} waits for its first consumer (WaitForFirstConsumer storage class): ` +
            'create it with force-bind (cdi.kubevirt.io/storage.bind.immediate.requested)',
        );
      }
      if (first) {
        await this.o.store.update(id, { state: 'waiting-for-volume', cdiPhase: r.phase });
        first = false;
      }
      if (Date.now() > deadline) {
        throw new PermanentFailure(
          `${target.name} did not become UploadReady in 10 minutes (phase ${r.phase}${r.message ? `: ${r.message}` : ''})`,
        );
      }
      await delay(500, signal);
    }
  }

  private async streamOnce(
    id: string,
    user: Identity,
    signal: AbortSignal,
    idle: { waiting: boolean },
  ): Promise<void> {
    const s = this.o.store.get(id);
    if (!s) throw new PermanentFailure('the upload is gone');
    const endpoint = this.o.locateProxy
      ? await this.o.locateProxy()
      : await resolveUploadProxy(this.o.kube, user, this.o.uploadProxyUrl);
    let cdiToken: string;
    try {
      cdiToken = await uploadToken(this.o.kube, user, s.namespace, s.targetName);
    } catch (err) {
      if (err instanceof KubeApiError && (err.status === 403 || err.status === 401)) {
        throw new PermanentFailure(
          `cannot create an UploadTokenRequest in ${s.namespace}: ${err.message}`,
        );
      }
      throw err;
    }
    const attemptAbort = new AbortController();
    const onAbort = () => {
      attemptAbort.abort(signal.reason);
    };
    signal.addEventListener('abort', onAbort, { once: true });
    let lastSaved = 0;
    const epoch = this.o.offsets.epoch(id);
    try {
      const req = proxyRequest(endpoint, '/v1beta1/upload-async', {
        method: 'POST',
        headers: {
          authorization: `Bearer ${cdiToken}`,
          'content-type': 'application/octet-stream',
          'content-length': s.size,
        },
        signal: attemptAbort.signal,
      });
      const response = new Promise<IncomingMessage>((resolve, reject) => {
        req.on('response', resolve);
        req.on('error', reject);
      });
      // An early answer (e.g. 400 "A larger PVC is required") ends the attempt at once.
      void response.then(
        (res) => {
          if ((res.statusCode ?? 0) >= 300) attemptAbort.abort(new Error('CDI answered early'));
        },
        () => undefined,
      );
      req.on('error', (err) => {
        attemptAbort.abort(err);
      });
      const pieces = stagedBytes({
        file: this.o.stagedPath(id),
        size: s.size,
        signal: attemptAbort.signal,
        beforeLast: (sha) => this.verify(id, sha, attemptAbort.signal),
        readable: () => this.o.offsets.readable(id),
        committed: () => this.o.offsets.committedLength(id),
        more: (position, stop) => this.o.offsets.beyond(id, position, stop),
        live: (position, max) => this.o.offsets.liveAt(id, position, max),
        checkRollback: (position) => {
          if (this.o.offsets.rolledBackBelow(id, epoch, position)) {
            throw new RolledBack('a chunk already streamed to CDI was dropped (checksum mismatch)');
          }
        },
        stallMs: this.o.stallMs ?? DEFAULT_CDI_STALL_MS,
        idle,
        onBytes: (sent) => {
          if (sent - lastSaved >= 16 * 1024 * 1024 || sent === s.size) {
            lastSaved = sent;
            void this.o.store.update(id, { forwarded: sent });
          }
        },
      });
      const sent = sendPieces(pieces, req);
      void sent.catch(() => undefined);
      let res: IncomingMessage;
      try {
        [res] = await Promise.all([response, sent]);
      } catch (err) {
        const early = await Promise.race([response, Promise.resolve(undefined)]).catch(
          () => undefined,
        );
        if (early && (early.statusCode ?? 0) >= 300) res = early;
        else throw err;
      }
      const text = await readText(res);
      const status = res.statusCode ?? 0;
      if (status === 200) return;
      if (status === 400 || status === 409) {
        throw new PermanentFailure(`CDI upload proxy answered ${status}: ${text || 'bad request'}`);
      }
      throw new Error(`CDI upload proxy answered ${status}${text ? `: ${text}` : ''}`);
    } finally {
      signal.removeEventListener('abort', onAbort);
    }
  }

  /**
   * Before the last piece goes to CDI: when every chunk arrived with a matching SHA-256 `Upload-Checksum`, the
   * bytes are verified already; otherwise waits for the browser's whole-file checksum and compares.
   */
  private async verify(id: string, sha256: string, signal: AbortSignal): Promise<void> {
    let s = this.o.store.get(id);
    if (!s?.sha256 && s?.everyChunkChecked) {
      // Each chunk's SHA-256 matched on arrival: what goes to CDI is what the browser read.
      await this.o.store.update(id, { verifiedSha256: sha256, state: 'forwarding' });
      return;
    }
    if (!s?.sha256) {
      await this.o.store.update(id, { state: 'verifying' });
      await new Promise<void>((resolve) => {
        const check = () => {
          if (this.o.store.get(id)?.sha256 || signal.aborted) {
            clearInterval(timer);
            this.checksumWaiters.delete(id);
            resolve();
          }
        };
        const timer = setInterval(check, 500);
        this.checksumWaiters.set(id, check);
        signal.addEventListener('abort', check, { once: true });
      });
      signal.throwIfAborted();
      s = this.o.store.get(id);
    }
    if (s?.sha256 !== sha256) {
      await this.o.store.update(id, { verifiedSha256: sha256 });
      throw new ChecksumMismatch(
        `checksum mismatch: the browser computed SHA-256 ${s?.sha256 ?? '?'} but the backend received ${sha256}; ` +
          'the bytes were corrupted on the way: cancel and upload again',
      );
    }
    await this.o.store.update(id, { verifiedSha256: sha256, state: 'forwarding' });
  }

  private async followImport(id: string, target: TargetRef, signal: AbortSignal): Promise<void> {
    const deadline = Date.now() + IMPORT_TIMEOUT_MS;
    while (!signal.aborted) {
      const s = this.o.store.get(id);
      if (!s) return;
      const user = this.user(s);
      if (!user) {
        await this.o.store.update(id, { state: 'importing' });
        return;
      }
      let phase: string;
      try {
        phase = await importPhase(this.o.kube, user, target);
      } catch (err) {
        if (err instanceof KubeApiError && err.status === 404) {
          throw new PermanentFailure(`${target.name} was deleted while CDI imported it`);
        }
        throw err;
      }
      if (phase !== s.cdiPhase) await this.o.store.update(id, { cdiPhase: phase });
      if (phase === 'Succeeded') {
        await this.o.store.update(id, { state: 'done', error: undefined });
        await this.o.dropStaged(id);
        return;
      }
      if (phase === 'Failed') throw new PermanentFailure(`CDI reports ${target.name} Failed`);
      if (Date.now() > deadline)
        throw new PermanentFailure('CDI did not finish importing in an hour');
      await delay(250, signal);
    }
  }
}
