/**
 * Test support: the real embedded sandbox plus the backend (in-cluster shape: API at /api/v1, bearer
 * auth, plain HTTP), helpers to create upload DataVolumes as a user, to find a claim's disk.img on the
 * sandbox's node file systems, and to run tus uploads from Node with tus-js-client.
 */
import { execFile } from 'node:child_process';
import { createReadStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
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
