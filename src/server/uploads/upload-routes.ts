/**
 * The uploads API, mounted inside the backend API (identity only from `Authorization: Bearer`). This plugin
 * puts the parts together:
 *
 * - `upload-auth.ts`: who calls (whoami, cached) and the owner's latest token for the CDI leg;
 * - `tus-endpoint.ts`: `ALL /api/v1/uploads/tus/…`, tus 1.0 (headers, no JSON schema);
 * - `session-routes.ts`: the JSON routes, validated and serialised with src/lib/uploads-contract.ts;
 * - `session-cleanup.ts`: staging holdings, reservation expiry, cancel, the clean-up every 10 minutes;
 * - `forwarder.ts`: the CDI leg, forwarding bytes while they arrive.
 */
import { chmod, mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { FileStore } from '@tus/file-store';
import type { FastifyPluginAsync } from 'fastify';
import type { KubeClient } from '../api/kube-client';
import { Forwarder } from './forwarder';
import { SessionCleanup } from './session-cleanup';
import { registerSessionRoutes } from './session-routes';
import { SessionStore } from './session-store';
import { StagedOffsets } from './staged-offsets';
import { registerTusEndpoint } from './tus-endpoint';
import type { TusPatchReceiver } from './tus-patch';
import { UploadAuth } from './upload-auth';

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

/** A reservation (tus creation) no byte arrives for is released after this long, unless configured. */
export const DEFAULT_RESERVATION_EXPIRY_MS = 5 * 60_000;

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
  const auth = new UploadAuth(kube);
  // Upload ids are capabilities of their owner's transfer: their lines stay below info (issue 13, break 6).
  const log = (m: string) => {
    app.log.debug(m);
  };

  const datastore = new FileStore({
    directory: tusDir,
    expirationPeriodInMilliseconds: 7 * 24 * 60 * 60_000,
  });
  const stagedPath = (id: string) => path.join(tusDir, id);
  const offsets = new StagedOffsets(stagedPath);
  // Set once the tus endpoint is registered (the PATCH receiver needs the forwarder, which drops staged bytes).
  const late: { patches?: TusPatchReceiver } = {};
  async function dropStaged(id: string): Promise<void> {
    await late.patches?.settle(id);
    offsets.forget(id);
    await rm(stagedPath(id), { force: true });
    await rm(`${stagedPath(id)}.json`, { force: true });
    await rm(`${stagedPath(id)}.unverified`, { force: true });
  }

  const { cdiUploadProxy } = app;
  const uploadProxyUrl = options.uploadProxyUrl ?? process.env.VM_DISKS_UPLOAD_PROXY_URL;
  const forwarder = kube
    ? new Forwarder({
        kube,
        store,
        stagedPath,
        offsets,
        tokenOf: (owner) => auth.tokenOf(owner),
        dropStaged,
        log,
        ...(cdiUploadProxy ? { locateProxy: () => cdiUploadProxy.locate() } : {}),
        ...(uploadProxyUrl ? { uploadProxyUrl } : {}),
        ...(options.retryDelayMs !== undefined ? { retryDelayMs: options.retryDelayMs } : {}),
        ...(options.cdiStallMs !== undefined ? { stallMs: options.cdiStallMs } : {}),
      })
    : null;

  const cleanup = new SessionCleanup({
    store,
    forwarder,
    stagingDir,
    reservationExpiryMs,
    dropStaged,
    isPatching: (id) => late.patches?.isRunning(id) ?? false,
    log,
  });

  const tus = await registerTusEndpoint(app, {
    kube,
    auth,
    store,
    forwarder,
    cleanup,
    datastore,
    offsets,
    tusDir,
    stagedPath,
    maxSize: options.maxSize ?? 1024 ** 4,
    ...(options.patchIdleTimeoutMs !== undefined
      ? { patchIdleTimeoutMs: options.patchIdleTimeoutMs }
      : {}),
    log,
  });
  late.patches = tus.patches;

  registerSessionRoutes(app, { kube, auth, store, forwarder, cleanup, reservationExpiryMs });

  cleanup.start(() => tus.tus.cleanUpExpiredUploads());
  app.addHook('onClose', (_instance, done) => {
    cleanup.stop();
    forwarder?.stopAll();
    done();
  });
};
