/**
 * The one tus test harness of the uploads tests: the real embedded sandbox plus the backend on port 0 (in-cluster
 * shape: API at /api/v1, bearer auth, plain HTTP); image makers (reproducible noise written into the world's
 * directory); helpers to create upload DataVolumes as a user, to find a claim's disk.img on the sandbox's node
 * file systems and compare it with the source (`qemu-img compare`); and two tus clients from Node: tus-js-client
 * for whole uploads, raw tus requests for protocol-level tests.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { FastifyInstance } from 'fastify';
import * as tus from 'tus-js-client';
import { buildApp } from '../../app';
import { sandboxKubeTarget } from '../../kube-target';
import { startEmbeddedSandbox, type RunningSandbox } from '../../sandbox-launcher';

export const run = promisify(execFile);

/** `bytes` reproducible incompressible bytes (a 32-bit LCG from `seed`; `bytes` a multiple of 4). */
export function noiseBuffer(bytes: number, seed: number): Buffer {
  const buf = Buffer.alloc(bytes);
  let x = seed;
  for (let i = 0; i < buf.length; i += 4) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    buf.writeUInt32LE(x, i);
  }
  return buf;
}
export const NS = 'vm-images';
export const MiB = 1024 * 1024;

/** Writes `mib` MiB of reproducible noise (from `seed`) as `name` in the world's directory; returns its path. */
export async function writeNoise(
  world: UploadWorld,
  name: string,
  mib: number,
  seed: number,
): Promise<string> {
  const file = path.join(world.dir, name);
  await writeFile(file, noiseBuffer(mib * MiB, seed));
  return file;
}

/** Hex SHA-256 of bytes in memory. */
export const sha256Hex = (data: Buffer): string => createHash('sha256').update(data).digest('hex');

/** Hex SHA-256 of a file. */
export const sha256OfFile = async (file: string): Promise<string> =>
  sha256Hex(await readFile(file));

/** The upload id at the end of a tus upload URL. */
export const idOf = (url: string): string => url.split('/').pop() ?? '';

export interface UploadWorld {
  dir: string;
  sandbox: RunningSandbox;
  app: FastifyInstance;
  base: string;
  stagingDir: string;
  token(user: string): string;
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters -- callers name the body type
  kube<T = unknown>(
    user: string,
    method: string,
    p: string,
    body?: unknown,
  ): Promise<{ status: number; body: T }>;
  restartBackend(): Promise<void>;
  close(): Promise<void>;
}

export async function startUploadWorld(
  options: { uploadProxyUrl?: string } = {},
): Promise<UploadWorld> {
  process.env.VM_DISKS_SANDBOX_SPEED ??= '50';
  const dir = await mkdtemp(path.join(os.tmpdir(), 'vm-disks-uploads-'));
  const sandbox = await startEmbeddedSandbox({ dataDir: path.join(dir, 'sandbox'), quiet: true });
  if (!sandbox) throw new Error('the embedded sandbox is missing');
  const stagingDir = path.join(dir, 'staging');
  const build = async () => {
    const app = await buildApp({
      mode: 'in-cluster',
      distDir: path.join(dir, 'dist'),
      cluster: sandboxKubeTarget(sandbox),
      stagingDir,
    });
    const base = await app.listen({ host: '127.0.0.1', port: 0 });
    return { app, base };
  };
  if (options.uploadProxyUrl) process.env.VM_DISKS_UPLOAD_PROXY_URL = options.uploadProxyUrl;
  let { app, base } = await build();
  const token = (user: string) => sandbox.users.find((u) => u.name === user)?.token ?? '';
  const world: UploadWorld = {
    dir,
    sandbox,
    get app() {
      return app;
    },
    get base() {
      return base;
    },
    stagingDir,
    token,
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters -- callers name the body type
    async kube<T>(user: string, method: string, p: string, body?: unknown) {
      const res = await fetch(`${sandbox.url}${p}`, {
        method,
        headers: { authorization: `Bearer ${token(user)}`, 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const text = await res.text();
      return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T };
    },
    async restartBackend() {
      const port = Number(new URL(base).port);
      await app.close();
      app = await buildApp({
        mode: 'in-cluster',
        distDir: path.join(dir, 'dist'),
        cluster: sandboxKubeTarget(sandbox),
        stagingDir,
      });
      base = await app.listen({ host: '127.0.0.1', port });
    },
    async close() {
      delete process.env.VM_DISKS_UPLOAD_PROXY_URL;
      await app.close();
      await sandbox.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
  return world;
}

export function uploadDataVolume(name: string, size: string, volumeMode = 'Filesystem'): object {
  return {
    apiVersion: 'cdi.kubevirt.io/v1beta1',
    kind: 'DataVolume',
    metadata: {
      name,
      namespace: NS,
      annotations: { 'cdi.kubevirt.io/storage.bind.immediate.requested': 'true' },
    },
    spec: {
      source: { upload: {} },
      pvc: {
        accessModes: ['ReadWriteOnce'],
        volumeMode,
        resources: { requests: { storage: size } },
      },
    },
  };
}

/** The host path of the image file of a bound claim in the sandbox (Filesystem: disk.img; Block: the device). */
export async function diskOf(world: UploadWorld, claim: string): Promise<string> {
  const pvc = await world.kube<{ spec: { volumeName: string; volumeMode?: string } }>(
    'admin',
    'GET',
    `/api/v1/namespaces/${NS}/persistentvolumeclaims/${claim}`,
  );
  const pv = await world.kube<{
    spec: {
      local?: { path: string };
      hostPath?: { path: string };
      nodeAffinity: {
        required: { nodeSelectorTerms: { matchExpressions: { values: string[] }[] }[] };
      };
    };
  }>('admin', 'GET', `/api/v1/persistentvolumes/${pvc.body.spec.volumeName}`);
  const node =
    pv.body.spec.nodeAffinity.required.nodeSelectorTerms[0]?.matchExpressions[0]?.values[0] ?? '';
  const hostPath = pv.body.spec.local?.path ?? pv.body.spec.hostPath?.path ?? '';
  const base = path.join(world.dir, 'sandbox', 'nodes', node, hostPath);
  return pvc.body.spec.volumeMode === 'Block' ? base : path.join(base, 'disk.img');
}

export interface TusRun {
  url: string;
  upload: tus.Upload;
}

/** Starts a tus upload of `file` from Node; resolves with its URL once created, and `done` at the end. */
export function tusUpload(
  world: UploadWorld,
  user: string,
  file: string,
  size: number,
  metadata: Record<string, string>,
  extra: Partial<tus.UploadOptions> = {},
): { done: Promise<string>; upload: tus.Upload } {
  let upload!: tus.Upload;
  const done = new Promise<string>((resolve, reject) => {
    upload = new tus.Upload(createReadStream(file), {
      endpoint: `${world.base}/api/v1/uploads/tus/`,
      uploadSize: size,
      chunkSize: 4 * 1024 * 1024,
      retryDelays: [0, 200, 500, 1000, 2000],
      headers: { authorization: `Bearer ${world.token(user)}` },
      metadata,
      onError: reject,
      onSuccess: () => {
        resolve(upload.url ?? '');
      },
      ...extra,
    });
    upload.start();
  });
  return { done, upload };
}

// eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters -- callers name the body type
export async function api<T = unknown>(
  world: UploadWorld,
  user: string,
  method: string,
  p: string,
  body?: unknown,
): Promise<{ status: number; body: T }> {
  const res = await fetch(`${world.base}/api/v1${p}`, {
    method,
    headers: { authorization: `Bearer ${world.token(user)}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T };
}

export async function waitFor<T>(
  what: string,
  fn: () => Promise<T | undefined>,
  ms = 100_000, // generous: a loaded machine is slow, and no test asserts on speed
): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** Creates an upload DataVolume (immediate binding) as `user`; throws naming the status when it is refused. */
export async function createUploadDataVolume(
  world: UploadWorld,
  name: string,
  size = '1Gi',
  user = 'developer',
): Promise<void> {
  const created = await world.kube(
    user,
    'POST',
    `/apis/cdi.kubevirt.io/v1beta1/namespaces/${NS}/datavolumes`,
    uploadDataVolume(name, size),
  );
  if (created.status !== 201) {
    throw new Error(
      `creating DataVolume ${name}: HTTP ${created.status} ${JSON.stringify(created.body)}`,
    );
  }
}

/** An upload session as its owner sees it (`GET /uploads/{id}`). */
export async function sessionOf<S>(world: UploadWorld, id: string, user = 'developer'): Promise<S> {
  return (await api<S>(world, user, 'GET', `/uploads/${id}`)).body;
}

/** Waits until the upload is done and returns its session; a failed upload throws its error. */
export async function waitUploadDone<S extends { state: string; error?: string }>(
  world: UploadWorld,
  id: string,
  ms?: number,
): Promise<S> {
  return waitFor(
    'upload done',
    async () => {
      const s = await sessionOf<S>(world, id);
      if (s.state === 'failed') throw new Error(s.error);
      return s.state === 'done' ? s : undefined;
    },
    ms,
  );
}

/**
 * `qemu-img compare` of the source (converted to raw first unless it is raw) with the claim's disk; returns
 * qemu-img's verdict ("Images are identical." when equal). The disk may be longer: its tail must be zeros.
 */
export async function compareWithDisk(
  world: UploadWorld,
  source: string,
  claim: string,
): Promise<string> {
  let raw = source;
  if (!source.endsWith('.raw')) {
    raw = `${source}.expected.raw`;
    await run('qemu-img', ['convert', '-O', 'raw', source, raw]);
  }
  const disk = await diskOf(world, claim);
  const { stdout } = await run('qemu-img', ['compare', '-f', 'raw', '-F', 'raw', raw, disk]);
  return stdout;
}

/** tus `Upload-Metadata`: each value base64-encoded, pairs joined by commas. */
export const tusMetadata = (values: Record<string, string>): string =>
  Object.entries(values)
    .map(([key, value]) => `${key} ${Buffer.from(value).toString('base64')}`)
    .join(',');

/** One raw tus request to `/api/v1/uploads/tus/{path}` as `user` (Tus-Resumable 1.0.0). */
export function tusRequest(
  world: UploadWorld,
  path_: string,
  method: string,
  headers: Record<string, string>,
  body?: Buffer,
  user = 'developer',
): Promise<Response> {
  return fetch(`${world.base}/api/v1/uploads/tus/${path_}`, {
    method,
    headers: {
      authorization: `Bearer ${world.token(user)}`,
      'tus-resumable': '1.0.0',
      ...headers,
    },
    ...(body ? { body: new Uint8Array(body) } : {}),
  });
}

/** The offset a HEAD reports (`Upload-Offset`); throws unless the HEAD answers 200. */
export async function tusOffset(world: UploadWorld, id: string): Promise<string | null> {
  const res = await tusRequest(world, id, 'HEAD', {});
  if (res.status !== 200) throw new Error(`HEAD ${id}: HTTP ${res.status}`);
  return res.headers.get('upload-offset');
}
