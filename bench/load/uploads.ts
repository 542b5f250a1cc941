/**
 * Concurrent uploads from Node clients through the backend, as the browser sends them: a DataVolume with an
 * upload source created through the bridge stand-in's kube proxy, then tus (tus-js-client) through the plugin
 * proxy path with the session cookie and CSRF header, then the checksum. Measures aggregate throughput (first
 * byte → last DataVolume Succeeded), per-request latency of the tus PATCHes, the backend's peak RSS, and data
 * errors: the SHA-256 of each volume's disk.img (its first N bytes) against its source file.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import path from 'node:path';
import * as tus from 'tus-js-client';
import { percentile, pool, type BackendProcess } from '../support/backend-process';
import { browserSession, loginAs } from '../support/browser-session';

export interface UploadsResult {
  row: (string | number)[];
}

const NS = 'vm-images';
const MiB = 1024 * 1024;

async function makeSource(file: string, bytes: number): Promise<string> {
  const handle = await open(file, 'w');
  const hash = createHash('sha256');
  for (let written = 0; written < bytes; written += 16 * MiB) {
    const chunk = randomBytes(Math.min(16 * MiB, bytes - written));
    hash.update(chunk);
    await handle.write(chunk);
  }
  await handle.close();
  return hash.digest('hex');
}

async function sha256Prefix(file: string, bytes: number): Promise<string> {
  const hash = createHash('sha256');
  const stream = createReadStream(file, { start: 0, end: bytes - 1 });
  for await (const chunk of stream) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

export async function runUploads(
  b: BackendProcess,
  dir: string,
  options: { count: number; mib: number },
): Promise<UploadsResult> {
  const size = options.mib * MiB;
  const admin = b.access.tokens.admin;
  const sandbox = (method: string, p: string, body?: unknown) =>
    fetch(`${b.access.server}${p}`, {
      method,
      headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
  // A browser session of the developer (project user in vm-images): the page's session, then the user switch.
  const browserHeaders = (await loginAs(b.url, await browserSession(b.url), 'developer')).headers;

  const volumeGi = Math.ceil((size * 1.2) / 1024 ** 3);
  const ids = Array.from({ length: options.count }, (_, i) => i);
  // Room for every upload: one local PV each.
  for (const i of ids) {
    const res = await sandbox('POST', '/api/v1/persistentvolumes', {
      apiVersion: 'v1',
      kind: 'PersistentVolume',
      metadata: { name: `load-pv-${i}` },
      spec: {
        capacity: { storage: `${volumeGi}Gi` },
        accessModes: ['ReadWriteOnce'],
        persistentVolumeReclaimPolicy: 'Delete',
        storageClassName: 'load-local',
        volumeMode: 'Filesystem',
        local: { path: `/mnt/local-storage/load/disk${i}` },
        nodeAffinity: {
          required: {
            nodeSelectorTerms: [
              {
                matchExpressions: [
                  { key: 'kubernetes.io/hostname', operator: 'In', values: [`worker-${i % 2}`] },
                ],
              },
            ],
          },
        },
      },
    });
    if (res.status !== 201) throw new Error(`PV load-pv-${i}: ${res.status} ${await res.text()}`);
  }
  await sandbox('POST', '/apis/storage.k8s.io/v1/storageclasses', {
    apiVersion: 'storage.k8s.io/v1',
    kind: 'StorageClass',
    metadata: { name: 'load-local' },
    provisioner: 'kubernetes.io/no-provisioner',
    volumeBindingMode: 'WaitForFirstConsumer',
  });
  const sources = await pool(ids, 4, async (i) => {
    const file = path.join(dir, `load-${i}.raw`);
    return { file, sha: await makeSource(file, size) };
  });
  for (const i of ids) {
    const res = await fetch(
      `${b.url}/api/kubernetes/apis/cdi.kubevirt.io/v1beta1/namespaces/${NS}/datavolumes`,
      {
        method: 'POST',
        headers: { ...browserHeaders, 'content-type': 'application/json' },
        body: JSON.stringify({
          apiVersion: 'cdi.kubevirt.io/v1beta1',
          kind: 'DataVolume',
          metadata: {
            name: `load-up-${i}`,
            namespace: NS,
            annotations: { 'cdi.kubevirt.io/storage.bind.immediate.requested': 'true' },
          },
          spec: {
            source: { upload: {} },
            pvc: {
              accessModes: ['ReadWriteOnce'],
              storageClassName: 'load-local',
              resources: { requests: { storage: `${volumeGi}Gi` } },
            },
          },
        }),
      },
    );
    if (res.status !== 201)
      throw new Error(`DataVolume load-up-${i}: ${res.status} ${await res.text()}`);
  }

  let peakRss = await b.rssBytes();
  const sampler = setInterval(() => {
    void b.rssBytes().then((r) => {
      peakRss = Math.max(peakRss, r);
    });
  }, 500);
  const requestMs: number[] = [];
  const t0 = performance.now();
  const errors: string[] = [];
  try {
    await Promise.all(
      ids.map(async (i) => {
        const source = sources[i];
        const started = new Map<unknown, number>();
        const url = await new Promise<string>((resolve, reject) => {
          const upload: tus.Upload = new tus.Upload(createReadStream(source.file), {
            endpoint: `${b.url}/api/proxy/plugin/vm-disks-plugin/backend/api/v1/uploads/tus/`,
            uploadSize: size,
            chunkSize: 32 * MiB,
            retryDelays: [0, 500, 1000, 2000, 4000],
            headers: browserHeaders,
            metadata: {
              namespace: NS,
              targetKind: 'new-dv',
              targetName: `load-up-${i}`,
              filename: `load-${i}.raw`,
              fingerprint: `load-${i}`,
              sha256: source.sha,
            },
            onBeforeRequest: (req) => {
              started.set(req, performance.now());
            },
            onAfterResponse: (req) => {
              const at = started.get(req);
              if (at !== undefined && req.getMethod() === 'PATCH')
                requestMs.push(performance.now() - at);
            },
            onError: reject,
            onSuccess: () => {
              resolve(upload.url ?? '');
            },
          });
          upload.start();
        });
        const id = url.split('/').pop() ?? '';
        await fetch(
          `${b.url}/api/proxy/plugin/vm-disks-plugin/backend/api/v1/uploads/${id}/checksum`,
          {
            method: 'PUT',
            headers: { ...browserHeaders, 'content-type': 'application/json' },
            body: JSON.stringify({ sha256: source.sha }),
          },
        );
        // Until the DataVolume is Succeeded (or 15 minutes).
        const deadline = Date.now() + 15 * 60_000;
        for (;;) {
          const dv = (await (
            await sandbox(
              'GET',
              `/apis/cdi.kubevirt.io/v1beta1/namespaces/${NS}/datavolumes/load-up-${i}`,
            )
          ).json()) as { status?: { phase?: string } };
          if (dv.status?.phase === 'Succeeded') break;
          if (dv.status?.phase === 'Failed' || Date.now() > deadline) {
            errors.push(`load-up-${i}: DataVolume ${dv.status?.phase ?? 'no phase'}`);
            return;
          }
          await new Promise((r) => setTimeout(r, 500));
        }
      }),
    );
  } finally {
    clearInterval(sampler);
  }
  const seconds = (performance.now() - t0) / 1000;
  // Data check: each volume's disk.img starts with exactly its source's bytes.
  let dataErrors = 0;
  for (const i of ids) {
    // The volume the claim of this upload's DataVolume was bound to (any of the load PVs).
    const pvc = (await (
      await sandbox('GET', `/api/v1/namespaces/${NS}/persistentvolumeclaims/load-up-${i}`)
    ).json()) as { spec: { volumeName?: string } };
    const pv = (await (
      await sandbox('GET', `/api/v1/persistentvolumes/${pvc.spec.volumeName ?? 'none'}`)
    ).json()) as {
      spec?: {
        local?: { path: string };
        nodeAffinity?: {
          required: { nodeSelectorTerms: { matchExpressions: { values: string[] }[] }[] };
        };
      };
    };
    const node =
      pv.spec?.nodeAffinity?.required.nodeSelectorTerms[0]?.matchExpressions[0]?.values[0] ?? '';
    const disk = path.join(b.dataDir, 'nodes', node, pv.spec?.local?.path ?? '', 'disk.img');
    const sha = await sha256Prefix(disk, size).catch(() => 'unreadable');
    if (sha !== sources[i]?.sha) {
      dataErrors++;
      errors.push(`load-up-${i}: ${disk} differs from its source`);
    }
  }
  if (errors.length) process.stderr.write(`${errors.join('\n')}\n`);
  const totalMiB = options.count * options.mib;
  return {
    row: [
      `${options.count} uploads × ${options.mib} MiB (tus, 32 MiB chunks)`,
      `${(totalMiB / seconds).toFixed(0)} MiB/s aggregate (${seconds.toFixed(0)} s to all Succeeded)`,
      `${percentile(requestMs, 50).toFixed(0)} / ${percentile(requestMs, 99).toFixed(0)} / ${Math.max(...requestMs).toFixed(0)} per PATCH`,
      `peak ${(peakRss / 2 ** 20).toFixed(0)}`,
      `${dataErrors} of ${options.count} volumes differ; ${errors.length - dataErrors} other failures`,
    ],
  };
}
