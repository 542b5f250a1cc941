/**
 * The in-cluster backend as the console runs it: started from the command line options (`--in-cluster`,
 * HTTPS with a self-signed "service-serving" certificate, the embedded sandbox with TLS and token
 * authentication as the cluster), fronted by a stand-in for the console bridge that forwards the way the
 * bridge does (assets with the query string dropped, locales, the plugin proxy with the user's bearer token,
 * CSRF). Assets, locales, whoami, the refusals, the CDI upload proxy discovery and a tus upload into a
 * DataVolume go end to end through it.
 */
import { createHash } from 'node:crypto';
import http from 'node:http';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { generate } from 'selfsigned';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKubeClient } from '../api/kube-client';
import { parseCommandLine } from '../config';
import { loadKubeconfigTarget } from '../kube-target';
import { launch, type Launched } from '../launch';
import { startEmbeddedSandbox, type RunningSandbox } from '../sandbox-launcher';
import { FAKE_LOCALE, makeFakeBuilds, type FakeBuilds } from '../testing/fake-builds';
import { rawRequest, type RawResponse } from '../testing/http-client';
import { startConsoleBridge, type ConsoleBridge } from './testing/console-bridge';

const PROXY = '/api/proxy/plugin/vm-disks-plugin/backend';
const NS = 'vm-images';

let dir: string;
let sandbox: RunningSandbox;
let builds: FakeBuilds;
let backend: Launched;
let backendUrl: string;
let bridge: ConsoleBridge;
let ca: string;

function tokenOf(name: string): string {
  const user = sandbox.users.find((u) => u.name === name);
  if (!user) throw new Error(`sandbox has no ${name} user`);
  return user.token;
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'vm-disks-in-cluster-bridge-'));
  const started = await startEmbeddedSandbox({
    dataDir: path.join(dir, 'sandbox'),
    tls: true,
    quiet: true,
  });
  if (!started) throw new Error('src/sandbox/index.ts is missing');
  sandbox = started;
  expect(sandbox.url.startsWith('https://')).toBe(true);
  // Stands in for the pod's service-account configuration (the backend's own identity, used only to find CDI).
  const kubeconfig = path.join(dir, 'kubeconfig');
  await sandbox.writeKubeconfig(kubeconfig);
  builds = await makeFakeBuilds();
  const pems = await generate([{ name: 'commonName', value: 'vm-disks-plugin.vm-disks.svc' }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    extensions: [
      {
        name: 'subjectAltName',
        altNames: [
          { type: 2, value: 'vm-disks-plugin.vm-disks.svc' },
          { type: 7, ip: '127.0.0.1' },
        ],
      },
    ],
  });
  ca = pems.cert;
  await writeFile(path.join(dir, 'tls.crt'), pems.cert);
  await writeFile(path.join(dir, 'tls.key'), pems.private, { mode: 0o600 });
  await mkdir(path.join(dir, 'staging'));
  const parsed = parseCommandLine(
    [
      '--in-cluster',
      '--tls-cert',
      'tls.crt',
      '--tls-key',
      'tls.key',
      '--kubeconfig',
      'kubeconfig',
      '--dist',
      builds.distDir,
      '--staging-dir',
      'staging',
      '--host',
      '127.0.0.1',
      '--port',
      '0',
      '--log-level',
      'silent',
    ],
    {},
    dir,
  );
  if (parsed.help) throw new Error('unexpected --help');
  backend = await launch(parsed.options);
  backendUrl = backend.url.replace('localhost', '127.0.0.1');
  bridge = await startConsoleBridge({ backend: backendUrl, backendCa: ca });
}, 120_000);

afterAll(async () => {
  await bridge.close();
  await backend.close();
  await sandbox.close();
  await rm(dir, { recursive: true, force: true });
  await rm(builds.root, { recursive: true, force: true });
});

/** PATCH with a binary body (rawRequest sends strings). */
function sendBytes(
  url: string,
  body: Buffer,
  headers: Record<string, string>,
): Promise<{ status: number; headers: http.IncomingHttpHeaders }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      { method: 'PATCH', headers: { ...headers, 'content-length': String(body.length) } },
      (res) => {
        res.resume();
        res.on('end', () => {
          resolve({ status: res.statusCode ?? 0, headers: res.headers });
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

function viaBridge(
  user: string | undefined,
  options: { method?: string; path: string; headers?: Record<string, string>; body?: string },
  csrf = true,
): Promise<RawResponse> {
  const session = user ? bridge.addSession(tokenOf(user)) : undefined;
  return rawRequest(bridge.url, {
    ...options,
    headers: {
      ...(session ? { cookie: session.cookie } : {}),
      ...(session && csrf ? { 'x-csrftoken': session.csrf } : {}),
      ...options.headers,
    },
  });
}

describe('in-cluster backend behind the console bridge', () => {
  it('serves the plugin assets the bridge asks for, with the query string dropped', async () => {
    const manifest = await viaBridge('developer', {
      path: '/api/plugins/vm-disks-plugin/plugin-manifest.json?cacheBuster=4711',
    });
    expect(manifest.status).toBe(200);
    expect(manifest.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(manifest.headers['x-content-type-options']).toBe('nosniff');
    expect(JSON.parse(manifest.body)).toEqual(builds.manifest);
    const entry = await viaBridge('developer', {
      path: '/api/plugins/vm-disks-plugin/plugin-entry.0123abcd.js?cacheBuster=1',
    });
    expect(entry.status).toBe(200);
    expect(entry.headers['content-type']).toBe('application/javascript; charset=utf-8');
    expect(entry.body).toContain('__load_plugin_entry__');
    const locale = await viaBridge('viewer', {
      path: '/locales/resource.json?lng=en&ns=plugin__vm-disks-plugin',
    });
    expect(locale.status).toBe(200);
    expect(JSON.parse(locale.body)).toEqual(FAKE_LOCALE);
    const anonymous = await viaBridge(undefined, {
      path: '/api/plugins/vm-disks-plugin/plugin-manifest.json',
    });
    expect(anonymous.status).toBe(401);
  });

  it('answers whoami as the user whose token the bridge forwards', async () => {
    for (const user of ['developer', 'viewer', 'admin']) {
      const res = await viaBridge(user, { path: `${PROXY}/api/v1/whoami` });
      expect(res.status).toBe(200);
      expect(JSON.parse(res.body)).toMatchObject({ username: user });
    }
    const anonymous = await viaBridge(undefined, { path: `${PROXY}/api/v1/whoami` });
    expect(anonymous.status).toBe(401);
  });

  it('passes unsafe requests only with the CSRF token; a revoked token is refused by the cluster', async () => {
    const withoutCsrf = await viaBridge(
      'developer',
      { method: 'POST', path: `${PROXY}/api/v1/whoami`, body: '{}' },
      false,
    );
    expect(withoutCsrf.status).toBe(403);
    expect(withoutCsrf.body).toContain('CSRF');
    // With the token the request reaches the backend, which knows no POST /api/v1/whoami.
    const withCsrf = await viaBridge('developer', {
      method: 'POST',
      path: `${PROXY}/api/v1/whoami`,
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(withCsrf.status).toBe(404);
    expect(JSON.parse(withCsrf.body)).toMatchObject({
      error: expect.stringContaining('no such backend endpoint') as unknown,
    });
    const session = bridge.addSession('sha256~not-a-valid-token');
    const bad = await rawRequest(bridge.url, {
      path: `${PROXY}/api/v1/whoami`,
      headers: { cookie: session.cookie },
    });
    expect(bad.status).toBe(401);
  });

  it('refuses API requests that did not come through the console proxy', async () => {
    const token = tokenOf('developer');
    const direct = await rawRequest(backendUrl, {
      path: '/api/v1/whoami',
      ca,
      headers: { authorization: `Bearer ${token}` },
    });
    expect(direct.status).toBe(403);
    expect(direct.body).toContain('X-Forwarded-For');
    const withCookie = await rawRequest(backendUrl, {
      path: '/api/v1/whoami',
      ca,
      headers: {
        authorization: `Bearer ${token}`,
        'x-forwarded-for': '10.0.0.1',
        cookie: 'openshift-session-token=abc',
      },
    });
    expect(withCookie.status).toBe(403);
    expect(withCookie.body).toContain('Cookie');
    const withCsrf = await rawRequest(backendUrl, {
      path: '/api/v1/whoami',
      ca,
      headers: {
        authorization: `Bearer ${token}`,
        'x-forwarded-for': '10.0.0.1',
        'x-csrftoken': 'abc',
      },
    });
    expect(withCsrf.status).toBe(403);
    const noToken = await rawRequest(backendUrl, {
      path: '/api/v1/whoami',
      ca,
      headers: { 'x-forwarded-for': '10.0.0.1' },
    });
    expect(noToken.status).toBe(401);
    // What the proxy sends is accepted; the probes are not behind the guard.
    const proxied = await rawRequest(backendUrl, {
      path: '/api/v1/whoami',
      ca,
      headers: { authorization: `Bearer ${token}`, 'x-forwarded-for': '10.0.0.1' },
    });
    expect(proxied.status).toBe(200);
    expect((await rawRequest(backendUrl, { path: '/healthz', ca })).status).toBe(200);
    expect((await rawRequest(backendUrl, { path: '/readyz', ca })).status).toBe(200);
  });

  it('finds the CDI upload proxy Service in the namespace of the HyperConverged CR', async () => {
    const locator = backend.app.cdiUploadProxy;
    if (!locator) throw new Error('in-cluster mode has no CDI upload proxy locator');
    const endpoint = await locator.locate();
    expect(endpoint.namespace).toBe('openshift-cnv');
    expect(endpoint.url.href).toBe('https://cdi-uploadproxy.openshift-cnv.svc/');
    expect(endpoint.source).toContain('HyperConverged');
  });
});

describe('upload through the console bridge', () => {
  it('stages a tus upload through the plugin proxy and imports it into the DataVolume', async () => {
    const kube = createKubeClient(loadKubeconfigTarget([path.join(dir, 'kubeconfig')]));
    // The loopback sandbox has no cluster DNS for the cdi-uploadproxy Service the locator finds, so this
    // test points the locator at the sandbox's upload proxy (its Route-style address) and CA instead.
    const locator = backend.app.cdiUploadProxy;
    if (!locator) throw new Error('in-cluster mode has no CDI upload proxy locator');
    const config = await kube.request<{ status?: { uploadProxyURL?: string } }>(
      { kind: 'bearer', token: tokenOf('admin') },
      { method: 'GET', path: '/apis/cdi.kubevirt.io/v1beta1/cdiconfigs/config' },
    );
    const proxyUrl = config.body.status?.uploadProxyURL ?? '';
    locator.locate = () =>
      Promise.resolve({
        url: new URL(proxyUrl.includes('://') ? proxyUrl : `https://${proxyUrl}`),
        ...(sandbox.caPem ? { ca: sandbox.caPem } : {}),
        source: 'test: the sandbox upload proxy',
      });
    const developer = { kind: 'bearer' as const, token: tokenOf('developer') };
    await kube.request(developer, {
      method: 'POST',
      path: `/apis/cdi.kubevirt.io/v1beta1/namespaces/${NS}/datavolumes`,
      body: {
        apiVersion: 'cdi.kubevirt.io/v1beta1',
        kind: 'DataVolume',
        metadata: {
          name: 'bridge-upload',
          namespace: NS,
          annotations: { 'cdi.kubevirt.io/storage.bind.immediate.requested': 'true' },
        },
        spec: {
          source: { upload: {} },
          pvc: {
            accessModes: ['ReadWriteOnce'],
            volumeMode: 'Filesystem',
            resources: { requests: { storage: '1Gi' } },
          },
        },
      },
    });
    // A small raw image with a recognisable pattern.
    const image = Buffer.alloc(2 * 1024 * 1024);
    for (let i = 0; i < image.length; i += 4) image.writeUInt32LE((i * 2654435761) >>> 0, i);
    const sha256 = createHash('sha256').update(image).digest('hex');
    const meta = (pairs: Record<string, string>): string =>
      Object.entries(pairs)
        .map(([key, value]) => `${key} ${Buffer.from(value).toString('base64')}`)
        .join(',');
    const session = bridge.addSession(tokenOf('developer'));
    const headers = {
      cookie: session.cookie,
      'x-csrftoken': session.csrf,
      'tus-resumable': '1.0.0',
    };
    const created = await rawRequest(bridge.url, {
      method: 'POST',
      path: `${PROXY}/api/v1/uploads/tus`,
      headers: {
        ...headers,
        'upload-length': String(image.length),
        'upload-metadata': meta({
          namespace: NS,
          targetKind: 'existing-dv',
          targetName: 'bridge-upload',
          filename: 'disk.raw',
          fingerprint: 'bridge-test',
          sha256,
        }),
      },
    });
    expect(created.status).toBe(201);
    const location = String(created.headers.location);
    const id = location.split('/').pop() ?? '';
    expect(id.length).toBeGreaterThan(4);
    // Two chunks, as a browser would send them.
    let offset = 0;
    for (const chunk of [image.subarray(0, 1024 * 1024), image.subarray(1024 * 1024)]) {
      const patched = await sendBytes(`${bridge.url}${PROXY}/api/v1/uploads/tus/${id}`, chunk, {
        ...headers,
        'upload-offset': String(offset),
        'content-type': 'application/offset+octet-stream',
      });
      expect(patched.status).toBe(204);
      offset += chunk.length;
      expect(patched.headers['upload-offset']).toBe(String(offset));
    }
    // The upload belongs to the developer: the viewer does not see it.
    const foreign = await viaBridge('viewer', { path: `${PROXY}/api/v1/uploads/${id}` });
    expect(foreign.status).toBe(404);
    let state = '';
    let last = '';
    for (let attempt = 0; attempt < 600 && state !== 'done' && state !== 'failed'; attempt++) {
      const res = await rawRequest(bridge.url, {
        path: `${PROXY}/api/v1/uploads/${id}`,
        headers: { cookie: session.cookie },
      });
      last = res.body;
      state = (JSON.parse(res.body) as { state?: string }).state ?? '';
      if (state !== 'done' && state !== 'failed') await new Promise((r) => setTimeout(r, 200));
    }
    expect(state, last).toBe('done');
    // The bytes in the volume are the image's (the disk file is grown to the volume size with zeros).
    const pvc = await kube.request<{ spec: { volumeName: string } }>(developer, {
      method: 'GET',
      path: `/api/v1/namespaces/${NS}/persistentvolumeclaims/bridge-upload`,
    });
    const admin = { kind: 'default' as const };
    const pv = await kube.request<{
      spec: {
        local?: { path: string };
        hostPath?: { path: string };
        nodeAffinity: {
          required: { nodeSelectorTerms: { matchExpressions: { values: string[] }[] }[] };
        };
      };
    }>(admin, { method: 'GET', path: `/api/v1/persistentvolumes/${pvc.body.spec.volumeName}` });
    const node =
      pv.body.spec.nodeAffinity.required.nodeSelectorTerms[0]?.matchExpressions[0]?.values[0] ?? '';
    const hostPath = pv.body.spec.local?.path ?? pv.body.spec.hostPath?.path ?? '';
    const disk = await readFile(path.join(dir, 'sandbox', 'nodes', node, hostPath, 'disk.img'));
    expect(createHash('sha256').update(disk.subarray(0, image.length)).digest('hex')).toBe(sha256);
  }, 120_000);
});
