/**
 * The uploads API, mounted inside the backend API (identity only from `Authorization: Bearer`):
 *
 * - `ALL /api/v1/uploads/tus/` and `/api/v1/uploads/tus/<id>`: tus 1.0 (creation, termination, expiration)
 *   with `@tus/server` and a file store on the staging directory. Creation metadata: `namespace`,
 *   `targetKind` (new-dv | new-pvc | existing-dv), `targetName`, `filename`, `fingerprint`, optional `sha256`.
 *   The creator needs `create uploadtokenrequests` in the namespace; staging space is checked first (507).
 * - `GET /api/v1/uploads/quota?namespace=<ns>`: the caller's staging quota (held, limits, room).
 * - `GET /api/v1/uploads`: the caller's uploads; `GET /api/v1/uploads/<id>`: one (404 for anyone else's).
 * - `PUT /api/v1/uploads/<id>/checksum` `{ sha256 }`: a client's SHA-256 of the whole file (needed only when not
 *   every chunk carried a SHA-256; the page sends one per chunk and never calls it).
 * - `DELETE /api/v1/uploads/<id>`: cancel, drop the staged data.
 *
 * Bytes are forwarded to CDI while they arrive (see `forwarder.ts`). PATCH runs on Node streams
 * (`tus-patch.ts`, with the tus checksum extension); OPTIONS is answered here; `@tus/server` keeps creation,
 * HEAD, termination and expiry. Same-origin only: no CORS headers, a foreign `Origin` gets 403.
 */
import { randomBytes } from 'node:crypto';
import { chmod, mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { FileStore } from '@tus/file-store';
import { EVENTS, Server as TusServer } from '@tus/server';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { bearerToken } from '../api/bearer';
import { KubeApiError, type KubeClient } from '../api/kube-client';
import { canI } from './cdi-client';
import { Forwarder } from './forwarder';
import { crossOriginProblem, withoutCorsHeaders } from './same-origin';
import { SessionStore } from './session-store';
import { ACTIVE_STATES, type UploadSession, type UploadTargetKind } from './session-types';
import { StagedOffsets } from './staged-offsets';
import {
  imageFitRefusal,
  SNIFF_BYTES,
  sniffVirtualSize,
  targetSpaceOf,
  type TargetObjectLike,
} from './image-fit';
import { freeBytes, stagingQuota, stagingRefusal, type Holdings } from './staging-space';
import { CHECKSUM_ALGORITHMS } from './tus-checksum';
import { TusPatchReceiver } from './tus-patch';
import { SPARSE_CONTENT_TYPE, ZERO_RANGES_EXTENSION } from './tus-zero-ranges';

export interface UploadsApiOptions {
  kube: KubeClient | null;
  /** Staging directory (created when missing); default `./.staging`. */
  stagingDir?: string;
  /** CDI upload proxy URL override (default: CDIConfig status; env VM_DISKS_UPLOAD_PROXY_URL). */
  uploadProxyUrl?: string;
  /** Largest upload accepted (default 1 TiB). */
  maxSize?: number;
  retryDelayMs?: number;
  /** A tus PATCH that sends no byte for this long is ended (default 2 minutes). */
  patchIdleTimeoutMs?: number;
  /** The CDI leg ends its POST after this long without a byte to send (default 20 s, see forwarder.ts). */
  cdiStallMs?: number;
  /** An upload no byte arrives for is released this long after its creation (default 5 minutes). */
  reservationExpiryMs?: number;
}

const TARGET_KINDS = new Set<UploadTargetKind>(['new-dv', 'new-pvc', 'existing-dv']);
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const FINISHED_KEEP_MS = 60 * 60_000;
const ABANDONED_MS = 24 * 60 * 60_000;
/** A reservation (tus creation) no byte arrives for is released after this long, unless configured. */
export const DEFAULT_RESERVATION_EXPIRY_MS = 5 * 60_000;
const WHOAMI_CACHE_MS = 60_000;

/** What the tus server turns into a response: `status_code` and `body`. */
class TusError extends Error {
  readonly body: string;
  constructor(
    readonly status_code: number,
    message: string,
  ) {
    super(message);
    this.body = `${message}\n`;
  }
}
const tusError = (status: number, body: string): TusError => new TusError(status, body);

/** What the API shows of a session (everything but internal bookkeeping). */
function view(s: UploadSession): UploadSession {
  return s;
}

export const uploadsApi: FastifyPluginAsync<UploadsApiOptions> = async (app, options) => {
  const { kube } = options;
  const reservationExpiryMs = options.reservationExpiryMs ?? DEFAULT_RESERVATION_EXPIRY_MS;
  const stagingDir = path.resolve(options.stagingDir ?? '.staging');
  const tusDir = path.join(stagingDir, 'tus');
  await mkdir(tusDir, { recursive: true, mode: 0o700 });
  // Staged images are the owners' data: directories 0700, files 0600 (issue 13, break 10). The staging root
  // may be a volume mount this process does not own; the directories below it are ours.
  await chmod(stagingDir, 0o700).catch(() => undefined);
  await chmod(tusDir, 0o700);
  const store = new SessionStore(stagingDir);
  const tokens = new Map<string, string>();
  const whoamiCache = new Map<string, { user: string; at: number }>();
  // Upload ids are capabilities of their owner's transfer: their lines stay below info (issue 13, break 6).
  const log = (m: string) => {
    app.log.debug(m);
  };

  async function userOf(token: string): Promise<string> {
    const hit = whoamiCache.get(token);
    if (hit && Date.now() - hit.at < WHOAMI_CACHE_MS) return hit.user;
    if (!kube) throw tusError(503, 'no cluster is configured');
    const info = await kube.whoami({ kind: 'bearer', token });
    whoamiCache.set(token, { user: info.username, at: Date.now() });
    tokens.set(info.username, token);
    return info.username;
  }

  const datastore = new FileStore({
    directory: tusDir,
    expirationPeriodInMilliseconds: 7 * 24 * 60 * 60_000,
  });
  const stagedPath = (id: string) => path.join(tusDir, id);
  const offsets = new StagedOffsets(stagedPath);
  async function dropStaged(id: string): Promise<void> {
    await patches.settle(id);
    offsets.forget(id);
    await rm(stagedPath(id), { force: true });
    await rm(`${stagedPath(id)}.json`, { force: true });
    await rm(`${stagedPath(id)}.unverified`, { force: true });
  }

  const { cdiUploadProxy } = app;
  const forwarder = kube
    ? new Forwarder({
        kube,
        store,
        stagedPath,
        offsets,
        tokenOf: (owner) => tokens.get(owner),
        dropStaged,
        log,
        ...(cdiUploadProxy ? { locateProxy: () => cdiUploadProxy.locate() } : {}),
        ...(options.uploadProxyUrl || process.env.VM_DISKS_UPLOAD_PROXY_URL
          ? { uploadProxyUrl: options.uploadProxyUrl ?? process.env.VM_DISKS_UPLOAD_PROXY_URL }
          : {}),
        ...(options.retryDelayMs !== undefined ? { retryDelayMs: options.retryDelayMs } : {}),
        ...(options.cdiStallMs !== undefined ? { stallMs: options.cdiStallMs } : {}),
      })
    : null;

  /** Restart the CDI legs of the owner's unfinished uploads (a fresh token is at hand). */
  function resumeOwner(owner: string): void {
    for (const s of store.byOwner(owner)) {
      if (ACTIVE_STATES.has(s.state)) forwarder?.ensure(s.id);
    }
  }

  /**
   * A reservation no byte arrived for: it expires sooner than an upload under way (issue 13, break 4). Its
   * state may already be past `receiving` (the CDI leg waits for bytes in `forwarding`); a PATCH still receiving
   * its first bytes (slow link, checksummed chunk not yet complete) keeps it.
   */
  const idleReservation = (s: UploadSession, now = Date.now()): boolean =>
    ACTIVE_STATES.has(s.state) &&
    s.received === 0 &&
    !patches.isRunning(s.id) &&
    now - Date.parse(s.createdAt) >= reservationExpiryMs;

  /** What unfinished uploads (those `filter` keeps) hold of the staging volume. */
  function holdings(filter: (s: UploadSession) => boolean = () => true): Holdings {
    return store
      .all()
      .filter((s) => ACTIVE_STATES.has(s.state) && !idleReservation(s) && filter(s))
      .reduce(
        (sum, s) => ({
          held: sum.held + s.size,
          staged: sum.staged + Math.min(s.received, s.size),
        }),
        { held: 0, staged: 0 },
      );
  }

  async function quotaOf(owner: string, namespace: string) {
    return stagingQuota({
      free: await freeBytes(stagingDir),
      all: holdings(),
      user: holdings((s) => s.owner === owner),
      namespace: holdings((s) => s.namespace === namespace),
    });
  }

  /** Releases a reservation no byte arrived for; what it held is free for everyone at once. */
  async function expireReservation(id: string): Promise<void> {
    const s = store.get(id);
    if (!s || !idleReservation(s)) return;
    // Failed first: a request of the owner's that arrives meanwhile must not start the CDI leg again.
    await store.update(s.id, {
      state: 'failed',
      error: `expired: no byte arrived within ${Math.round(reservationExpiryMs / 1000)} seconds of creation; start the upload again`,
    });
    forwarder?.stop(s.id);
    await dropStaged(s.id);
  }

  /** Expires the reservation at its deadline, or looks again later while a first PATCH is still under way. */
  function watchReservation(id: string, delayMs: number): void {
    const timer = setTimeout(() => {
      reservationTimers.delete(timer);
      const s = store.get(id);
      if (!s || !ACTIVE_STATES.has(s.state) || s.received > 0) return;
      if (idleReservation(s)) {
        void expireReservation(id).catch((err: unknown) => {
          log(`upload expiry: ${(err as Error).message}`);
        });
      } else {
        const left = Date.parse(s.createdAt) + reservationExpiryMs - Date.now();
        watchReservation(id, Math.max(left, Math.min(reservationExpiryMs, 10_000)));
      }
    }, delayMs);
    timer.unref();
    reservationTimers.add(timer);
  }
  const reservationTimers = new Set<NodeJS.Timeout>();

  /** Identity from the bearer token; anyone but the owner gets 404; a finished upload takes no bytes. */
  async function authorize(
    method: string,
    authorization: string | undefined,
    id: string,
  ): Promise<void> {
    const token = bearerToken({ authorization });
    if (!token) throw tusError(401, 'Unauthorized');
    const user = await userOf(token).catch((err: unknown) => {
      if (err instanceof KubeApiError) throw tusError(err.status === 403 ? 403 : 401, err.message);
      throw err;
    });
    if (method === 'POST') return;
    const session = store.get(id);
    if (!session || session.owner !== user) throw tusError(404, 'Upload not found');
    if (ACTIVE_STATES.has(session.state)) forwarder?.ensure(id);
    else if (method === 'PATCH') {
      throw tusError(410, `This upload is ${session.state}; start a new one`);
    }
  }

  const patches = new TusPatchReceiver({
    fileOf: stagedPath,
    offsets,
    authorize: (req: IncomingMessage, id) =>
      authorize('PATCH', req.headers.authorization, SessionStore.isId(id) ? id : ''),
    async uploadOf(id) {
      const upload = await datastore.getUpload(id);
      return { offset: upload.offset, ...(upload.size !== undefined ? { size: upload.size } : {}) };
    },
    async onStaged(id, offset) {
      const s = store.get(id);
      if (s && offset > s.received) await store.update(id, { received: offset });
    },
    async onZeroRange(id, bytes) {
      const s = store.get(id);
      if (s) await store.update(id, { zeroBytes: (s.zeroBytes ?? 0) + bytes });
    },
    async onUnchecked(id) {
      if (store.get(id)?.everyChunkChecked) await store.update(id, { everyChunkChecked: false });
    },
    log,
    ...(options.patchIdleTimeoutMs !== undefined
      ? { idleTimeoutMs: options.patchIdleTimeoutMs }
      : {}),
    headBytes: SNIFF_BYTES,
    // The first chunk's header may tell the image's virtual size: refuse before staging past it (break 8).
    async checkHead(id, head, size) {
      const s = store.get(id);
      if (s?.targetUsableBytes === undefined || !s.targetDescription) return;
      const virtualSize = sniffVirtualSize(head, size);
      if (virtualSize === null) return;
      const refusal = imageFitRefusal(
        virtualSize,
        { usable: s.targetUsableBytes, describe: s.targetDescription },
        'header',
      );
      if (!refusal) return;
      forwarder?.stop(id);
      await store.update(id, { state: 'failed', error: refusal });
      throw tusError(413, refusal);
    },
  });
  await patches.recoverUnverified(tusDir);

  const tus = new TusServer({
    // Same-origin only: no Access-Control-Allow-Origin for anyone (and a foreign Origin is refused first).
    allowedOrigins: [],
    path: '/api/v1/uploads/tus',
    datastore,
    maxSize: options.maxSize ?? 1024 ** 4,
    // Relative to the endpoint URL the browser used, whatever proxy prefix it went through.
    generateUrl: (_req, { id }) => id,
    namingFunction: () => randomBytes(16).toString('hex'),
    getFileIdFromRequest: (_req, last) => (last && SessionStore.isId(last) ? last : undefined),
    disableTerminationForFinishedUploads: false,
    async onIncomingRequest(req, id) {
      await authorize(req.method, req.headers.get('authorization') ?? undefined, id);
    },
    async onUploadCreate(req, upload) {
      const token = bearerToken({ authorization: req.headers.get('authorization') ?? undefined });
      if (!token || !kube) throw tusError(401, 'Unauthorized');
      const owner = await userOf(token);
      const m = upload.metadata ?? {};
      const namespace = m.namespace ?? '';
      const targetKind = (m.targetKind ?? '') as UploadTargetKind;
      const targetName = m.targetName ?? '';
      const size = upload.size;
      if (!DNS_LABEL.test(namespace))
        throw tusError(400, 'metadata "namespace" is missing or invalid');
      if (!TARGET_KINDS.has(targetKind)) {
        throw tusError(400, 'metadata "targetKind" must be new-dv, new-pvc or existing-dv');
      }
      if (!DNS_LABEL.test(targetName) || targetName.length > 63) {
        throw tusError(
          400,
          `metadata "targetName" ${JSON.stringify(targetName)} is not a valid DNS-1123 label`,
        );
      }
      if (size === undefined || size <= 0) {
        throw tusError(400, 'The file is empty (or its size is deferred): nothing to upload');
      }
      const declared = m.virtualSize;
      if (typeof declared === 'string' && !/^\d{1,16}$/.test(declared)) {
        throw tusError(
          400,
          `metadata "virtualSize" ${JSON.stringify(declared)} must be the image's virtual size in bytes (digits only), or be left out`,
        );
      }
      const allowed = await canI(
        kube,
        { kind: 'bearer', token },
        {
          group: 'upload.cdi.kubevirt.io',
          resource: 'uploadtokenrequests',
          verb: 'create',
          namespace,
        },
      );
      if (!allowed) {
        throw tusError(
          403,
          `You may not create UploadTokenRequests in ${namespace}: ask an administrator for upload rights ` +
            'there (create uploadtokenrequests.upload.cdi.kubevirt.io)',
        );
      }
      const busy = store
        .byOwner(owner)
        .find(
          (s) =>
            ACTIVE_STATES.has(s.state) && s.namespace === namespace && s.targetName === targetName,
        );
      if (busy) {
        throw tusError(
          409,
          `An upload to ${namespace}/${targetName} is already in progress (${busy.id}): resume or cancel it`,
        );
      }
      const refusal = stagingRefusal(await quotaOf(owner, namespace), size, {
        user: owner,
        namespace,
      });
      if (refusal) throw tusError(507, refusal);
      // The target must exist before any byte is staged (the Uploads page creates it first).
      const targetPath =
        targetKind === 'new-pvc'
          ? `/api/v1/namespaces/${namespace}/persistentvolumeclaims/${targetName}`
          : `/apis/cdi.kubevirt.io/v1beta1/namespaces/${namespace}/datavolumes/${targetName}`;
      let targetObject: TargetObjectLike;
      try {
        targetObject = (
          await kube.request<TargetObjectLike>(
            { kind: 'bearer', token },
            { method: 'GET', path: targetPath },
          )
        ).body;
      } catch (err) {
        if (err instanceof KubeApiError && err.status === 404) {
          const what = targetKind === 'new-pvc' ? 'PersistentVolumeClaim' : 'DataVolume';
          throw tusError(
            404,
            `${what} ${namespace}/${targetName} does not exist: create it before uploading, or check the name`,
          );
        }
        throw err;
      }
      const space = await targetSpaceOf(
        kube,
        { kind: 'bearer', token },
        { kind: targetKind, namespace, name: targetName, object: targetObject },
      );
      if (space && declared) {
        const tooLarge = imageFitRefusal(Number(declared), space, 'declared');
        if (tooLarge) throw tusError(413, tooLarge);
      }
      const now = new Date().toISOString();
      // Control characters (CR/LF) would break the Content-Disposition of a tus GET (issue 13, break 10).
      const fileName = Array.from(m.filename ?? 'image', (c) =>
        c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f ? '_' : c,
      )
        .join('')
        .slice(0, 255);
      await store.put({
        id: upload.id,
        owner,
        namespace,
        targetKind,
        targetName,
        fileName,
        size,
        fingerprint: (m.fingerprint ?? '').slice(0, 200),
        ...(m.sha256 && /^[a-f0-9]{64}$/.test(m.sha256) ? { sha256: m.sha256 } : {}),
        ...(space ? { targetUsableBytes: space.usable, targetDescription: space.describe } : {}),
        state: 'receiving',
        everyChunkChecked: true,
        received: 0,
        forwarded: 0,
        cdiAttempts: 0,
        createdAt: now,
        updatedAt: now,
      });
      setImmediate(() => forwarder?.ensure(upload.id));
      watchReservation(upload.id, reservationExpiryMs);
      return { metadata: { ...m, filename: fileName, owner } };
    },
    async onUploadFinish(_req, upload) {
      await store.update(upload.id, { received: upload.offset });
      return {};
    },
  });
  tus.on(EVENTS.POST_CREATE, (_req, upload) => {
    for (const file of [stagedPath(upload.id), `${stagedPath(upload.id)}.json`]) {
      void chmod(file, 0o600).catch(() => undefined);
    }
  });
  tus.on(EVENTS.POST_RECEIVE, (_req, upload) => {
    const s = store.get(upload.id);
    if (s && upload.offset > s.received) void store.update(upload.id, { received: upload.offset });
  });

  app.addContentTypeParser(
    ['application/offset+octet-stream', SPARSE_CONTENT_TYPE],
    (_req, _payload, done) => {
      done(null);
    },
  );

  const tusHeaders = {
    'tus-resumable': '1.0.0',
    'tus-version': '1.0.0',
    // Not creation-with-upload (bytes arrive by PATCH only) nor creation-defer-length (the size is needed first).
    // `vm-disks-zero-ranges` is ours (tus-zero-ranges.ts, README.md): zero runs are declared, not sent.
    'tus-extension': `creation,termination,expiration,checksum,${ZERO_RANGES_EXTENSION}`,
    'tus-checksum-algorithm': CHECKSUM_ALGORITHMS.join(','),
    'tus-max-size': String(options.maxSize ?? 1024 ** 4),
  };

  async function handleTus(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    // Checked on the headers as sent: the bridge stand-in drops `Origin` from the parsed ones.
    const originProblem = crossOriginProblem(request.raw.rawHeaders);
    // The bridge stand-in rewrites `headers` (Authorization, Cookie…); the tus server reads `rawHeaders` too.
    request.raw.rawHeaders = Object.entries(request.headers).flatMap(([name, value]) =>
      value === undefined ? [] : (Array.isArray(value) ? value : [value]).flatMap((v) => [name, v]),
    );
    reply.hijack();
    const res = reply.raw;
    if (originProblem) {
      const body = `${originProblem}\n`;
      res.writeHead(403, {
        'content-type': 'text/plain; charset=utf-8',
        'content-length': String(Buffer.byteLength(body)),
      });
      res.end(body);
      return;
    }
    const { id } = request.params as { id?: string };
    if (request.method === 'OPTIONS') {
      res.writeHead(204, tusHeaders);
      res.end();
      return;
    }
    if (request.method === 'PATCH' && id) {
      await patches.handle(request.raw, res, id);
      return;
    }
    if (request.method === 'POST' && !id && carriesBody(request)) {
      // Creation-with-upload is not advertised (Tus-Extension): its bytes would skip the PATCH path's
      // per-chunk checks (issue 13, break 8).
      tusAnswer(
        res,
        400,
        'Creation-with-upload is not supported (see Tus-Extension): create the upload with an empty POST, ' +
          'then send the bytes with PATCH',
      );
      return;
    }
    if (id && SessionStore.isId(id)) {
      // Authorised before anything happens to the upload (issue 13, break 6): a request with a bad token or
      // from another user never touches the owner's running PATCH.
      try {
        await authorize(request.method, request.headers.authorization, id);
      } catch (err) {
        if (err instanceof TusError) {
          tusAnswer(res, err.status_code, err.message);
          return;
        }
        throw err;
      }
      if (request.method === 'DELETE') {
        // tus termination ends the whole upload session, as DELETE /api/v1/uploads/<id> does (break 7).
        await cancelUpload(id);
        res.writeHead(204, { 'tus-resumable': '1.0.0' });
        res.end();
        return;
      }
      // The owner's HEAD ends a PATCH still running for the upload (its client gave up on it), so it sees
      // settled bytes.
      await patches.settle(id);
    }
    withoutCorsHeaders(res);
    await tus.handle(request.raw, res);
  }

  function carriesBody(request: FastifyRequest): boolean {
    const length = Number(request.headers['content-length'] ?? '0');
    return (
      (Number.isFinite(length) && length > 0) ||
      request.headers['transfer-encoding'] !== undefined ||
      (request.headers['content-type'] ?? '').startsWith('application/offset+octet-stream')
    );
  }

  function tusAnswer(res: ServerResponse, status: number, message: string): void {
    const body = `${message}\n`;
    res.writeHead(status, {
      'tus-resumable': '1.0.0',
      'content-type': 'text/plain; charset=utf-8',
      'content-length': String(Buffer.byteLength(body)),
    });
    res.end(body);
  }

  /** Stops the CDI leg, drops the staged bytes and ends the session (its reservation with it). */
  async function cancelUpload(id: string): Promise<UploadSession | undefined> {
    const s = store.get(id);
    if (!s) return undefined;
    forwarder?.stop(s.id);
    await dropStaged(s.id);
    if (ACTIVE_STATES.has(s.state)) return store.update(s.id, { state: 'cancelled' });
    await store.remove(s.id);
    return s;
  }
  app.all('/api/v1/uploads/tus', handleTus);
  app.all('/api/v1/uploads/tus/', handleTus);
  app.all('/api/v1/uploads/tus/:id', handleTus);

  async function caller(request: FastifyRequest, reply: FastifyReply): Promise<string | undefined> {
    if (!kube) {
      await reply.code(503).send({ error: 'no cluster is configured' });
      return undefined;
    }
    try {
      const user = await userOf(request.userToken ?? '');
      resumeOwner(user);
      return user;
    } catch (err) {
      const status = err instanceof KubeApiError ? err.status : 502;
      await reply.code(status).send({ error: (err as Error).message });
      return undefined;
    }
  }

  function owned(id: string, user: string): UploadSession | undefined {
    const s = store.get(id);
    return s && s.owner === user ? s : undefined;
  }

  app.get('/api/v1/uploads', async (request, reply) => {
    const user = await caller(request, reply);
    if (!user) return reply;
    return { items: store.byOwner(user).map(view) };
  });

  app.get<{ Querystring: { namespace?: string } }>(
    '/api/v1/uploads/quota',
    async (request, reply) => {
      const user = await caller(request, reply);
      if (!user) return reply;
      const namespace = request.query.namespace ?? '';
      if (namespace && !DNS_LABEL.test(namespace)) {
        return reply
          .code(400)
          .send({ error: `namespace ${JSON.stringify(namespace)} is not a valid namespace name` });
      }
      const q = await quotaOf(user, namespace);
      return {
        user,
        ...(namespace ? { namespace } : {}),
        capacity: q.capacity,
        room: q.room,
        userHeld: q.userHeld,
        userLimit: q.userLimit,
        ...(namespace ? { namespaceHeld: q.namespaceHeld, namespaceLimit: q.namespaceLimit } : {}),
        available: namespace
          ? q.available
          : Math.max(0, Math.min(q.room, q.userLimit - q.userHeld)),
        reservationExpirySeconds: Math.round(reservationExpiryMs / 1000),
      };
    },
  );

  app.get<{ Params: { id: string } }>('/api/v1/uploads/:id', async (request, reply) => {
    const user = await caller(request, reply);
    if (!user) return reply;
    const s = owned(request.params.id, user);
    if (!s) return reply.code(404).send({ error: 'upload not found' });
    return view(s);
  });

  app.put<{ Params: { id: string }; Body: { sha256?: unknown } }>(
    '/api/v1/uploads/:id/checksum',
    async (request, reply) => {
      const user = await caller(request, reply);
      if (!user) return reply;
      const s = owned(request.params.id, user);
      if (!s) return reply.code(404).send({ error: 'upload not found' });
      const sha = request.body.sha256;
      if (typeof sha !== 'string' || !/^[a-f0-9]{64}$/.test(sha)) {
        return reply.code(400).send({ error: 'sha256 must be 64 lower-case hex digits' });
      }
      if (s.sha256 && s.sha256 !== sha) {
        return reply
          .code(409)
          .send({ error: 'a different checksum was already recorded for this upload' });
      }
      if (s.verifiedSha256 && s.verifiedSha256 !== sha) {
        return reply.code(409).send({
          error: `the file's SHA-256 ${sha} differs from the ${s.verifiedSha256} of the bytes received (every chunk was verified): the file changed during the upload`,
        });
      }
      const next = await store.update(s.id, { sha256: sha });
      forwarder?.checksumArrived(s.id);
      return next ? view(next) : reply.code(404).send({ error: 'upload not found' });
    },
  );

  app.delete<{ Params: { id: string } }>('/api/v1/uploads/:id', async (request, reply) => {
    const user = await caller(request, reply);
    if (!user) return reply;
    const s = owned(request.params.id, user);
    if (!s) return reply.code(404).send({ error: 'upload not found' });
    const next = await cancelUpload(s.id);
    return next ? view(next) : { id: s.id };
  });

  async function cleanUp(): Promise<void> {
    const now = Date.now();
    for (const s of store.all()) {
      const age = now - Date.parse(s.updatedAt);
      if (!ACTIVE_STATES.has(s.state) && age > FINISHED_KEEP_MS) {
        await dropStaged(s.id);
        await store.remove(s.id);
      } else if (idleReservation(s, now)) {
        await expireReservation(s.id);
      } else if (ACTIVE_STATES.has(s.state) && s.received === 0) {
        // Created before a restart: its deadline still counts from its creation.
        watchReservation(s.id, Math.max(0, Date.parse(s.createdAt) + reservationExpiryMs - now));
      } else if (ACTIVE_STATES.has(s.state) && age > ABANDONED_MS && !forwarder?.isRunning(s.id)) {
        await dropStaged(s.id);
        await store.update(s.id, { state: 'failed', error: 'abandoned: no activity for 24 hours' });
      }
    }
    await tus.cleanUpExpiredUploads().catch(() => 0);
  }
  const timer = setInterval(() => {
    void cleanUp().catch((err: unknown) => {
      log(`uploads cleanup: ${(err as Error).message}`);
    });
  }, 10 * 60_000);
  timer.unref();
  void cleanUp().catch(() => undefined);

  app.addHook('onClose', (_instance, done) => {
    clearInterval(timer);
    for (const t of reservationTimers) clearTimeout(t);
    forwarder?.stopAll();
    done();
  });
};
