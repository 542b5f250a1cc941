/**
 * The tus 1.0 endpoint (`/api/v1/uploads/tus/` and `/api/v1/uploads/tus/<id>`): creation, HEAD, termination
 * and expiry with `@tus/server` and a file store on the staging directory; PATCH on Node streams
 * (`tus-patch.ts`, checksum and zero-ranges extensions); OPTIONS answered here. Headers define this protocol,
 * so it has no JSON schema. Creation metadata: `namespace`, `targetKind` (new-dv | new-pvc | existing-dv),
 * `targetName`, `filename`, `fingerprint`, optional `sha256` and `virtualSize`; the creator needs `create
 * uploadtokenrequests` in the namespace, staging space is checked first (507). Same origin only: no CORS
 * headers, a foreign `Origin` gets 403.
 */
import { randomBytes } from 'node:crypto';
import { chmod } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import type { FileStore } from '@tus/file-store';
import { EVENTS, Server as TusServer } from '@tus/server';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isDNS1123Label } from '../../lib/k8s-names';
import { isUploadTargetKind } from '../../lib/upload-states';
import { bearerToken } from '../api/bearer';
import { KubeApiError, type KubeClient } from '../api/kube-client';
import { canI } from './cdi-client';
import type { Forwarder } from './forwarder';
import {
  imageFitRefusal,
  SNIFF_BYTES,
  sniffVirtualSize,
  targetSpaceOf,
  type TargetObjectLike,
} from './image-fit';
import { crossOriginProblem, withoutCorsHeaders } from './same-origin';
import type { SessionCleanup } from './session-cleanup';
import { SessionStore } from './session-store';
import { ACTIVE_STATES } from './session-types';
import type { StagedOffsets } from './staged-offsets';
import { stagingRefusal } from './staging-space';
import { CHECKSUM_ALGORITHMS } from './tus-checksum';
import { TusPatchReceiver } from './tus-patch';
import { SPARSE_CONTENT_TYPE, ZERO_RANGES_EXTENSION } from './tus-zero-ranges';
import { TusError, tusError, type UploadAuth } from './upload-auth';

export interface TusEndpointOptions {
  kube: KubeClient | null;
  auth: UploadAuth;
  store: SessionStore;
  forwarder: Forwarder | null;
  cleanup: SessionCleanup;
  datastore: FileStore;
  offsets: StagedOffsets;
  tusDir: string;
  stagedPath: (id: string) => string;
  maxSize: number;
  patchIdleTimeoutMs?: number;
  log: (message: string) => void;
}

/** Registers the tus routes; returns the PATCH receiver and the tus server (for expiry). */
export async function registerTusEndpoint(
  app: FastifyInstance,
  o: TusEndpointOptions,
): Promise<{ patches: TusPatchReceiver; tus: TusServer }> {
  const { kube, auth, store, forwarder, cleanup, datastore, stagedPath, log } = o;
  const authorize = (method: string, authorization: string | undefined, id: string) =>
    auth.authorizeTus(store, method, authorization, id, (owned) => forwarder?.ensure(owned));

  const patches = new TusPatchReceiver({
    fileOf: stagedPath,
    offsets: o.offsets,
    authorize: (req, id) =>
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
    ...(o.patchIdleTimeoutMs !== undefined ? { idleTimeoutMs: o.patchIdleTimeoutMs } : {}),
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
  await patches.recoverUnverified(o.tusDir);

  const tus = new TusServer({
    // Same-origin only: no Access-Control-Allow-Origin for anyone (and a foreign Origin is refused first).
    allowedOrigins: [],
    path: '/api/v1/uploads/tus',
    datastore,
    maxSize: o.maxSize,
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
      const owner = await auth.userOf(token);
      const m = upload.metadata ?? {};
      const namespace = m.namespace ?? '';
      const targetKind = m.targetKind ?? '';
      const targetName = m.targetName ?? '';
      const size = upload.size;
      if (!isDNS1123Label(namespace))
        throw tusError(400, 'metadata "namespace" is missing or invalid');
      if (!isUploadTargetKind(targetKind)) {
        throw tusError(400, 'metadata "targetKind" must be new-dv, new-pvc or existing-dv');
      }
      if (!isDNS1123Label(targetName)) {
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
      const refusal = stagingRefusal(await cleanup.quotaOf(owner, namespace), size, {
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
      cleanup.watchReservation(upload.id);
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
    'tus-max-size': String(o.maxSize),
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
        await cleanup.cancel(id);
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

  app.all('/api/v1/uploads/tus', handleTus);
  app.all('/api/v1/uploads/tus/', handleTus);
  app.all('/api/v1/uploads/tus/:id', handleTus);
  return { patches, tus };
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
