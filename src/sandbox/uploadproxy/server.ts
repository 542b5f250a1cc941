import { createServer as createHttp } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { createServer as createHttps } from 'node:https';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { SandboxContext } from '../contract';
import {
  ANN_POD_PHASE,
  ANN_POD_READY,
  ANN_POD_RESTARTS,
  ANN_RUNNING,
  ANN_RUNNING_MESSAGE,
  ANN_RUNNING_REASON,
  ANN_PVC_PRIME,
  ANN_UPLOAD_TARGET,
  ANN_USE_POPULATOR,
  SCRATCH_SUFFIX,
} from '../controllers/cdi/annotations';
import { filesystemOverhead } from '../controllers/cdi/settings';
import { requestBytes } from '../controllers/scheduling/claims';
import { usableSpace } from '../world/quantity';
import { PVC } from '../world/refs';
import type { Pvc } from '../world/shapes';
import { asType } from '../world/shapes';
import { claimLocation } from '../world/volumes';
import { multipartBoundary, multipartFilePart } from './multipart';
import { UploadError, blockCapacity, spool, validateImage, writeImage } from './processor';
import { capacityError } from './capacity-error';
import { routeTimeoutMs } from './route-timeout';
import type { UploadTokenSigner } from './token';

const ROUTES: Partial<Record<string, { form: boolean; async: boolean }>> = {
  '/upload': { form: false, async: false },
  '/upload-async': { form: false, async: true },
  '/upload-form': { form: true, async: false },
  '/upload-form-async': { form: true, async: true },
};

const AUTH_HEADER = /^Bearer\s+([A-Za-z0-9\-._~+/]+)$/i;

function route(url: string): { form: boolean; async: boolean } | undefined {
  const p = url.split('?')[0] ?? '';
  const m = /^\/(v1alpha1|v1beta1)(\/upload(?:-form)?(?:-async)?)$/.exec(p);
  return m ? ROUTES[m[2]] : undefined;
}

function cors(res: ServerResponse, req: IncomingMessage): void {
  res.setHeader('Access-Control-Allow-Origin', req.headers.origin ?? '*');
  res.setHeader('Access-Control-Allow-Methods', 'HEAD, GET, POST, PUT, PATCH, DELETE, OPTIONS');
  res.setHeader(
    'Access-Control-Allow-Headers',
    req.headers['access-control-request-headers'] ?? '*',
  );
  res.setHeader('Vary', 'Origin');
}

function reply(res: ServerResponse, status: number, body = ''): void {
  if (res.headersSent) return;
  res.statusCode = status;
  if (body) res.setHeader('Content-Type', 'text/plain; charset=utf-8');
  res.end(body);
}

export interface UploadProxy {
  url: string;
  close(): Promise<void>;
}

/**
 * cdi-uploadproxy plus the per-PVC upload server behind it: token check, PVC readiness (waits up to
 * 10 s for the upload pod), the four upload endpoints (raw/form × sync/async) under v1alpha1 and
 * v1beta1, CORS for every origin, HEAD probes, and CDI's status codes and messages.
 */
export async function startUploadProxy(
  ctx: SandboxContext,
  signer: UploadTokenSigner,
  stopping: () => boolean,
): Promise<UploadProxy> {
  const active = new Set<string>();

  const handler = (req: IncomingMessage, res: ServerResponse) => {
    void handle(req, res).catch((err: unknown) => {
      ctx.log(`uploadproxy: ${String(err)}`);
      reply(res, 500, `error in upload-proxy: ${String(err)}`);
    });
  };

  async function waitReady(ns: string, name: string): Promise<Pvc | string> {
    const deadline = Date.now() + 10_000;
    for (;;) {
      const target = ctx.store.get(PVC, ns, name);
      if (!target) return `PVC ${name} not found`;
      // With volume populators the upload goes to the prime PVC the target names
      // (kubevirt/containerized-data-importer `pkg/uploadproxy/uploadproxy.go` getPopulationPVC).
      const targetAnn = target.metadata.annotations ?? {};
      const prime = targetAnn[ANN_PVC_PRIME];
      const obj = prime ? ctx.store.get(PVC, ns, prime) : target;
      const populating = targetAnn[ANN_USE_POPULATOR] === 'true';
      if (!obj || (populating && !prime)) {
        if (Date.now() > deadline || stopping())
          return `Upload Server not ready for PVC ${ns}/${name}`;
        await new Promise((r) => setTimeout(r, 200));
        continue;
      }
      const pvc = asType<Pvc>(obj);
      const ann = pvc.metadata.annotations ?? {};
      if (targetAnn[ANN_POD_PHASE] === 'Succeeded')
        return `rejecting Upload Request for PVC ${name} that already finished uploading`;
      if (!(ANN_UPLOAD_TARGET in ann)) return `PVC ${name} is not an upload target`;
      if (ann[ANN_POD_PHASE] === 'Succeeded')
        return `rejecting Upload Request for PVC ${name} that already finished uploading`;
      if (ann[ANN_POD_READY] === 'true') return pvc;
      if (Date.now() > deadline || stopping())
        return `Upload Server not ready for PVC ${ns}/${name}`;
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    cors(res, req);
    const url = req.url ?? '/';
    if (req.method === 'OPTIONS') {
      reply(res, 200);
      return;
    }
    if (url.split('?')[0] === '/healthz') {
      reply(res, 200, 'OK');
      return;
    }
    const r = route(url);
    if (!r) {
      reply(res, 404, '404 page not found\n');
      return;
    }
    // CDI pkg/uploadproxy/uploadproxy.go `authHeaderMatcher`: the scheme case-insensitively, then
    // a token of URL-safe/base64 characters only; anything else is 400, a token that does not
    // verify 401.
    const auth = req.headers.authorization?.trim();
    const m = auth ? AUTH_HEADER.exec(auth) : null;
    if (!m?.[1]) {
      req.resume();
      reply(res, 400);
      return;
    }
    const verified = signer.verify(m[1]);
    if (!verified) {
      req.resume();
      reply(res, 401);
      return;
    }
    // A token cdi-apiserver issued for a request without `spec.pvcName` names no PVC: 400.
    if (
      verified.ops !== 'Upload' ||
      !verified.name ||
      !verified.namespace ||
      verified.resource.resource !== 'persistentvolumeclaims'
    ) {
      req.resume();
      reply(res, 400);
      return;
    }
    const ready = await waitReady(verified.namespace, verified.name);
    if (typeof ready === 'string') {
      req.resume();
      reply(res, 503, ready);
      return;
    }
    // The claim the data goes to: the token's PVC, or its prime PVC while a populator fills it.
    const claims = { ...verified, name: ready.metadata.name ?? verified.name };
    if (req.method === 'HEAD') {
      reply(res, r.async ? 200 : 404);
      return;
    }
    if (req.method !== 'POST') {
      req.resume();
      reply(res, 404);
      return;
    }
    const key = `${verified.namespace}/${verified.name}`;
    if (active.has(key)) {
      req.resume();
      reply(res, 503, 'Upload already in progress');
      return;
    }
    active.add(key);
    let releaseEarly = false;
    try {
      const pvc = ready;
      const target = claimLocation(ctx, claims.namespace, claims.name);
      if (!target) {
        req.resume();
        reply(res, 503, `Upload Server not ready for PVC ${key}`);
        return;
      }
      const scratch = claimLocation(ctx, claims.namespace, `${claims.name}${SCRATCH_SUFFIX}`);
      const spoolDir =
        scratch && !scratch.block ? scratch.hostPath : path.join(ctx.dataDir, 'world', 'spool');
      const spoolFile = path.join(spoolDir, `tmpimage-${Date.now()}`);
      const overhead = target.block ? 0 : filesystemOverhead(ctx, pvc.spec.storageClassName);
      const available = target.block
        ? blockCapacity(target)
        : usableSpace(requestBytes(pvc), overhead);
      let body: AsyncIterable<Buffer> = req;
      if (r.form) {
        const boundary = multipartBoundary(req.headers['content-type']);
        if (!boundary) {
          req.resume();
          reply(res, 400, "Saving stream failed: request Content-Type isn't multipart/form-data");
          return;
        }
        body = multipartFilePart(req, boundary);
      }
      let image;
      try {
        await spool(body, spoolFile);
        image = await validateImage(spoolFile, available, (virtualSize, bytes) =>
          capacityError({
            profile: ctx.profile,
            async: r.async,
            virtualSize,
            available: bytes,
            overhead,
          }),
        );
      } catch (err) {
        const { rmSync } = await import('node:fs');
        rmSync(spoolFile, { force: true });
        if (err instanceof UploadError) {
          reply(res, err.status, err.message);
          return;
        }
        reply(
          res,
          500,
          `Saving stream failed: ${err instanceof Error ? err.message : String(err)}`,
        );
        return;
      }
      const finish = async () => {
        await writeImage(image, target, available);
        await ctx.store.mutate(PVC, claims.namespace, claims.name, (o) => {
          o.metadata.annotations = {
            ...(o.metadata.annotations ?? {}),
            [ANN_POD_PHASE]: 'Succeeded',
            [ANN_POD_READY]: 'false',
            [ANN_RUNNING]: 'false',
            [ANN_RUNNING_REASON]: 'Completed',
            [ANN_RUNNING_MESSAGE]: 'Upload Complete',
          };
        });
      };
      if (r.async) {
        reply(res, 200);
        releaseEarly = true;
        void finish()
          .catch(async (err: unknown) => {
            ctx.log(`upload processing for ${key} failed: ${String(err)}`);
            await ctx.store.mutate(PVC, claims.namespace, claims.name, (o) => {
              const n = Number(o.metadata.annotations?.[ANN_POD_RESTARTS] ?? '0') + 1;
              o.metadata.annotations = {
                ...(o.metadata.annotations ?? {}),
                [ANN_POD_RESTARTS]: String(n),
              };
            });
          })
          .finally(() => active.delete(key));
        return;
      }
      try {
        await finish();
      } catch (err) {
        reply(
          res,
          500,
          `Saving stream failed: ${err instanceof Error ? err.message : String(err)}`,
        );
        return;
      }
      reply(res, 200);
      return;
    } finally {
      if (!releaseEarly) active.delete(key);
    }
  }

  const server: Server = ctx.tls
    ? createHttps({ key: ctx.tls.key, cert: ctx.tls.cert }, handler)
    : createHttp(handler);
  server.requestTimeout = 0;
  // The Route's idle timeout (route-timeout.ts): a connection on which nothing moved for that long is closed,
  // as the OpenShift router in front of cdi-uploadproxy does.
  server.timeout = routeTimeoutMs();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, ctx.listenHost, () => {
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const host = ctx.listenHost.includes(':') ? `[${ctx.listenHost}]` : ctx.listenHost;
  // Like a Route host (bare, https assumed) when TLS is on; with plain HTTP the scheme is kept,
  // as CDI copies an `uploadProxyURLOverride` verbatim.
  const url = ctx.tls ? `${host}:${port}` : `http://${host}:${port}`;
  return {
    url,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => {
          resolve();
        });
        server.closeAllConnections();
      }),
  };
}
