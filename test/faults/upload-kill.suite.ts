/**
 * kill -9 of the backend at random points of an upload (tus through the plugin proxy, as the browser sends
 * it), restart on the same data and staging directory, log in again, resume from the offset the server has,
 * finish. The volume must hold exactly the source's bytes, with one DataVolume and one upload session.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import * as tus from 'tus-js-client';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  markdownTable,
  startBackend,
  type BackendProcess,
} from '../../bench/support/backend-process';
import { browserSession, loginAs } from '../../bench/support/browser-session';

const PORT = Number(process.env.FAULTS_PORT ?? 19031);
const MiB = 1024 * 1024;
const SIZE = 48 * MiB;
const CHUNK = 4 * MiB;
const BACKEND_API = '/api/proxy/plugin/vm-disks-plugin/backend/api/v1';
let dir: string;
let backend: BackendProcess | undefined;
const rows: (string | number)[][] = [];

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'vm-disks-faults-upload-'));
  await mkdir(path.join(dir, 'staging'));
});

afterAll(async () => {
  process.stdout.write(
    `\nkill -9 during uploads (${SIZE / MiB} MiB, ${CHUNK / MiB} MiB chunks)\n\n${markdownTable(['round', 'killed after chunk', 'offset the server kept', 'resumed from', 'DataVolumes', 'upload sessions', 'volume = source'], rows)}\n`,
  );
  await backend?.kill('SIGKILL');
  await rm(dir, { recursive: true, force: true });
});

/** As the browser: load the page (its session and csrf cookie), then switch to the sandbox user. */
async function session(b: BackendProcess, user: string): Promise<Record<string, string>> {
  const page = await browserSession(b.url);
  return (await loginAs(b.url, page, user)).headers;
}

function upload(
  b: BackendProcess,
  headers: Record<string, string>,
  file: string,
  metadata: Record<string, string>,
  uploadUrl: string | undefined,
  onChunk: (n: number, u: tus.Upload) => void,
): { done: Promise<string>; upload: tus.Upload } {
  let u!: tus.Upload;
  let chunks = 0;
  const done = new Promise<string>((resolve, reject) => {
    u = new tus.Upload(createReadStream(file), {
      endpoint: `${b.url}${BACKEND_API}/uploads/tus/`,
      ...(uploadUrl ? { uploadUrl } : {}),
      uploadSize: SIZE,
      chunkSize: CHUNK,
      retryDelays: [],
      headers,
      metadata,
      onChunkComplete: () => {
        chunks++;
        onChunk(chunks, u);
      },
      onError: reject,
      onSuccess: () => {
        resolve(u.url ?? '');
      },
    });
    u.start();
  });
  return { done, upload: u };
}

it('kill -9 mid-upload, restart, resume: the volume holds exactly the source', async () => {
  const dataDir = path.join(dir, 'sandbox');
  const stagingDir = path.join(dir, 'staging');
  backend = await startBackend({ port: PORT, dataDir, stagingDir });
  for (let round = 0; round < 2; round++) {
    const name = `killed-upload-${round}`;
    const source = randomBytes(SIZE);
    const sha = createHash('sha256').update(source).digest('hex');
    const file = path.join(dir, `${name}.raw`);
    await writeFile(file, source);
    let headers = await session(backend, 'developer');
    const dv = await fetch(
      `${backend.url}/api/kubernetes/apis/cdi.kubevirt.io/v1beta1/namespaces/vm-images/datavolumes`,
      {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json' },
        body: JSON.stringify({
          apiVersion: 'cdi.kubevirt.io/v1beta1',
          kind: 'DataVolume',
          metadata: {
            name,
            namespace: 'vm-images',
            annotations: { 'cdi.kubevirt.io/storage.bind.immediate.requested': 'true' },
          },
          spec: {
            source: { upload: {} },
            pvc: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
          },
        }),
      },
    );
    expect(dv.status).toBe(201);
    const metadata = {
      namespace: 'vm-images',
      targetKind: 'new-dv',
      targetName: name,
      filename: `${name}.raw`,
      fingerprint: name,
      sha256: sha,
    };
    const killAt = 2 + Math.floor(Math.random() * (SIZE / CHUNK - 4));
    const running = backend;
    let killing: Promise<void> | undefined;
    let killed!: () => void;
    const killedNow = new Promise<void>((resolve) => {
      killed = resolve;
    });
    const first = upload(running, headers, file, metadata, undefined, (n, u) => {
      if (n === killAt && !killing) {
        killing = running.kill('SIGKILL').then(killed);
        void u.abort();
      }
    });
    await Promise.race([first.done.catch(() => undefined), killedNow]);
    await killing;
    const url = first.upload.url ?? '';
    expect(url).not.toBe('');
    backend = await startBackend({ port: PORT, dataDir, stagingDir, reset: false });
    headers = await session(backend, 'developer');
    const id = url.split('/').pop() ?? '';
    const head = await fetch(`${backend.url}${BACKEND_API}/uploads/tus/${id}`, {
      method: 'HEAD',
      headers: { ...headers, 'tus-resumable': '1.0.0' },
    });
    expect(head.status).toBe(200);
    const kept = Number(head.headers.get('upload-offset'));
    expect(kept).toBeGreaterThan(0);
    const second = upload(
      backend,
      headers,
      file,
      metadata,
      url.replace(/^http:\/\/[^/]+/, backend.url),
      () => undefined,
    );
    await second.done;
    await fetch(`${backend.url}${BACKEND_API}/uploads/${id}/checksum`, {
      method: 'PUT',
      headers: { ...headers, 'content-type': 'application/json' },
      body: JSON.stringify({ sha256: sha }),
    });
    const admin = backend.access.tokens.admin;
    const get = async (p: string) =>
      (await (
        await fetch(`${backend?.access.server}${p}`, {
          headers: { authorization: `Bearer ${admin}` },
        })
      ).json()) as Record<string, unknown>;
    await expect
      .poll(
        async () =>
          (
            (await get(`/apis/cdi.kubevirt.io/v1beta1/namespaces/vm-images/datavolumes/${name}`))
              .status as { phase?: string } | undefined
          )?.phase,
        { timeout: 180_000, interval: 1000 },
      )
      .toBe('Succeeded');
    const dvs = (
      (await get('/apis/cdi.kubevirt.io/v1beta1/namespaces/vm-images/datavolumes')).items as {
        metadata: { name: string };
      }[]
    ).filter((d) => d.metadata.name === name);
    const sessions = (await (
      await fetch(`${backend.url}${BACKEND_API}/uploads`, { headers })
    ).json()) as { items: { targetName: string }[] };
    const mine = sessions.items.filter((s) => s.targetName === name);
    // The disk image on the node.
    const pvc = await get(`/api/v1/namespaces/vm-images/persistentvolumeclaims/${name}`);
    const pv = await get(
      `/api/v1/persistentvolumes/${(pvc.spec as { volumeName: string }).volumeName}`,
    );
    const spec = pv.spec as {
      local?: { path: string };
      hostPath?: { path: string };
      nodeAffinity: {
        required: { nodeSelectorTerms: { matchExpressions: { values: string[] }[] }[] };
      };
    };
    const node =
      spec.nodeAffinity.required.nodeSelectorTerms[0]?.matchExpressions[0]?.values[0] ?? '';
    const disk = path.join(
      dataDir,
      'nodes',
      node,
      spec.local?.path ?? spec.hostPath?.path ?? '',
      'disk.img',
    );
    const hash = createHash('sha256');
    for await (const c of createReadStream(disk, { start: 0, end: SIZE - 1 }))
      hash.update(c as Buffer);
    const same = hash.digest('hex') === sha;
    rows.push([round + 1, killAt, kept, kept, dvs.length, mine.length, same ? 'yes' : 'NO']);
    expect(dvs.length).toBe(1);
    expect(mine.length).toBe(1);
    expect(same).toBe(true);
  }
});
