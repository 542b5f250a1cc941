// One file's journey: create the target, send it with tus (each chunk with the SHA-256 of its bytes, which the
// backend verifies on arrival); the card then follows the backend (forwarding, verifying, CDI import) to the end
// through the query cache (upload-queries.ts). The page never hashes the whole file: the SHA-256 shown at the
// end is the backend's, of the logical bytes it sent to CDI (`verifiedSha256`).
import { k8sCreate } from '@openshift-console/dynamic-plugin-sdk';
import * as tus from 'tus-js-client';
import { DataVolumeModel, PersistentVolumeClaimModel } from '../../k8s/models';
import { cancelUpload, csrfToken, TUS_ENDPOINT, uploadIdOf } from './backend-api';
import { type ChunkDigest, digestInWorker } from './image-worker-client';
import { uploadDataVolume, uploadPersistentVolumeClaim, type TargetValues } from './manifests';
import { addSample, bytesPerSecond, secondsLeft, type RateSample } from './transfer-rate';
import { endpointTakesZeroRanges, SparseHttpStack } from './sparse-http-stack';
import { uploadStore } from './upload-store';

/** Large chunks: each PATCH costs a round trip; 64 MiB stays far below any proxy timeout. */
export const CHUNK_SIZE = 64 * 1024 * 1024;
const RETRY_DELAYS = [0, 1000, 3000, 5000, 10000, 20000, 30000, 30000, 30000, 60000];

const running = new Map<string, tus.Upload>();

async function createTarget(v: TargetValues): Promise<void> {
  if (v.kind === 'new-dv') {
    await k8sCreate({ model: DataVolumeModel, data: uploadDataVolume(v) });
  } else if (v.kind === 'new-pvc') {
    await k8sCreate({ model: PersistentVolumeClaimModel, data: uploadPersistentVolumeClaim(v) });
  }
}

/** Starts (or resumes, with `item.resumeId`) the transfer of the item's file to its target. */
export async function startTransfer(key: string): Promise<void> {
  const item = uploadStore.find(key);
  if (!item?.values || !item.fingerprint) return;
  const v = item.values;
  if (!item.resumeId && !item.sessionId) {
    uploadStore.update(key, { phase: 'creating', error: undefined });
    try {
      await createTarget(v);
    } catch (err) {
      uploadStore.update(key, { phase: 'ready', error: (err as Error).message });
      return;
    }
  }
  uploadStore.update(key, { phase: 'uploading', error: undefined });

  let samples: RateSample[] = [];
  let sessionId = item.resumeId ?? item.sessionId;

  // Every chunk carries the SHA-256 of the bytes it sends: the backend refuses a chunk damaged on the way (460)
  // and, when every chunk matched (also those an earlier page sent before a reload), needs no whole-file hash
  // from the page before the CDI leg ends. The same read finds the chunk's all-zero runs, which are declared
  // instead of sent (tus extension vm-disks-zero-ranges). The next chunk's digest is computed while this one is
  // sent.
  const digests = new Map<string, Promise<ChunkDigest>>();
  const chunkDigest = (start: number, sparse: boolean): Promise<ChunkDigest> => {
    const slot = `${start}/${sparse}`;
    let digest = digests.get(slot);
    if (!digest) {
      digest = digestInWorker(
        item.file.slice(start, Math.min(start + CHUNK_SIZE, item.file.size)),
        sparse,
      ).catch((err: unknown) => {
        digests.delete(slot); // a retry computes it again
        throw err;
      });
      digests.set(slot, digest);
    }
    return digest;
  };

  // Absolute, so that the relative upload URLs the backend answers resolve under the endpoint.
  const endpoint = new URL(TUS_ENDPOINT, window.location.href).href;
  let zeroBytes = item.zeroBytes ?? 0;
  const httpStack = new SparseHttpStack({
    sparse: await endpointTakesZeroRanges(endpoint),
    digest: async (start, _body, sparse) => {
      const digest = await chunkDigest(start, sparse);
      digests.clear();
      if (start + CHUNK_SIZE < item.file.size)
        void chunkDigest(start + CHUNK_SIZE, sparse).catch(() => undefined);
      return digest;
    },
    onZeros: (bytes) => {
      zeroBytes += bytes;
      uploadStore.update(key, { zeroBytes });
    },
  });
  const upload = new tus.Upload(item.file, {
    endpoint,
    httpStack,
    ...(sessionId ? { uploadUrl: `${endpoint}${sessionId}` } : {}),
    chunkSize: CHUNK_SIZE,
    retryDelays: RETRY_DELAYS,
    storeFingerprintForResuming: true,
    removeFingerprintOnSuccess: true,
    fingerprint: () => Promise.resolve(item.fingerprint ?? ''),
    metadata: {
      filename: item.file.name,
      namespace: v.namespace,
      targetKind: v.kind,
      targetName: v.name,
      fingerprint: item.fingerprint,
      // The backend refuses at creation an image whose virtual size cannot fit the target (issue 13, break 8).
      ...(item.inspected?.inspection.virtualSize != null
        ? { virtualSize: String(item.inspected.inspection.virtualSize) }
        : {}),
    },
    onBeforeRequest: (req) => {
      const token = csrfToken();
      if (token) req.setHeader('X-CSRFToken', token);
    },
    onShouldRetry: (err, _attempt, options) => {
      const status = err.originalResponse?.getStatus() ?? 0;
      // Never retry refusals (403 rights, 404 not ours, 409/410 finished, 507 staging space).
      if ([400, 401, 403, 404, 410, 413, 507].includes(status)) return false;
      return options.retryDelays !== null;
    },
    onUploadUrlAvailable: () => {
      sessionId = uploadIdOf(upload.url);
      if (sessionId) uploadStore.update(key, { sessionId });
    },
    onProgress: (sent, total) => {
      samples = addSample(samples, { at: Date.now(), bytes: sent });
      const rate = bytesPerSecond(samples);
      uploadStore.update(key, { sent, rate, eta: secondsLeft(total - sent, rate) });
    },
    onSuccess: () => {
      // From here the card follows the backend's state (upload-queries' detail query).
      uploadStore.update(key, { phase: 'processing', sent: item.file.size, eta: 0 });
    },
    onError: (err) => {
      const body = (err as tus.DetailedError).originalResponse?.getBody();
      uploadStore.update(key, { phase: 'failed', error: body?.trim() || err.message });
    },
  });
  running.set(key, upload);
  if (!sessionId) {
    const previous = await upload.findPreviousUploads();
    const same = previous.find(
      (p) => p.metadata.targetName === v.name && p.metadata.namespace === v.namespace,
    );
    if (same) upload.resumeFromPreviousUpload(same);
  }
  upload.start();
}

export function pauseTransfer(key: string): void {
  const r = running.get(key);
  if (!r) return;
  void r.abort(false);
  uploadStore.update(key, { phase: 'paused', rate: 0, eta: null });
}

export function resumeTransfer(key: string): void {
  const r = running.get(key);
  if (!r) return;
  uploadStore.update(key, { phase: 'uploading' });
  r.start();
}

/** Stops everything and drops the staged data on the backend. */
export async function cancelTransfer(key: string): Promise<void> {
  const r = running.get(key);
  const item = uploadStore.find(key);
  if (r) {
    await r.abort(false);
    running.delete(key);
  }
  const id = item?.sessionId ?? item?.resumeId;
  if (id) await cancelUpload(id);
  uploadStore.update(key, { phase: 'cancelled', rate: 0, eta: null });
}
