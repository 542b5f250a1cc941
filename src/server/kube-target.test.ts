/**
 * Kubeconfig handling (client-node only for exec plugins): static tokens, exec plugins, client certificates,
 * custom CAs, insecure-skip-tls-verify, and clear errors for unusable files.
 */
import https from 'node:https';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import type { PeerCertificate } from 'node:tls';
import os from 'node:os';
import path from 'node:path';
import { generate } from 'selfsigned';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKubeClient } from './api/kube-client';
import { buildApp } from './app';
import { DEFAULT_IDENTITY, KubeTargetError, loadKubeconfigTarget } from './kube-target';
import { kubeconfigFor, startFakeCluster, type FakeCluster } from './testing/fake-cluster';
import { makeFakeBuilds } from './testing/fake-builds';
import { pageSessionCookie, rawRequest } from './testing/http-client';

let dir: string;
let plain: FakeCluster;
let tlsServer: https.Server;
let tlsUrl: string;
let pems: { cert: string; private: string; clientcert?: string; clientprivate?: string };

interface TlsEcho {
  clientCN: string | null;
  authorization: string | null;
  impersonate: string | null;
  path: string;
}

async function kubeconfigFile(name: string, content: string): Promise<string> {
  const file = path.join(dir, name);
  await writeFile(file, content);
  return file;
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'vm-disks-target-'));
  plain = await startFakeCluster();
  pems = await generate([{ name: 'commonName', value: 'fake-apiserver' }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    extensions: [
      { name: 'basicConstraints', cA: true },
      { name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }] },
    ],
    clientCertificate: { cn: 'cert-user' },
  });
  tlsServer = https.createServer(
    { cert: pems.cert, key: pems.private, requestCert: true, rejectUnauthorized: false },
    (req, res) => {
      // An empty object when the client sent no certificate.
      const peer: Partial<PeerCertificate> = (
        req.socket as unknown as { getPeerCertificate(): PeerCertificate }
      ).getPeerCertificate();
      const echo: TlsEcho = {
        clientCN: typeof peer.subject?.CN === 'string' ? peer.subject.CN : null,
        authorization: req.headers.authorization ?? null,
        impersonate: (req.headers['impersonate-user'] as string | undefined) ?? null,
        path: req.url ?? '',
      };
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(echo));
    },
  );
  await new Promise<void>((resolve) => tlsServer.listen(0, '127.0.0.1', resolve));
  tlsUrl = `https://127.0.0.1:${(tlsServer.address() as AddressInfo).port}/prefix`;
});

afterAll(async () => {
  await plain.close();
  tlsServer.closeAllConnections();
  await new Promise((resolve) => tlsServer.close(resolve));
  await rm(dir, { recursive: true, force: true });
});

const b64 = (text: string): string => Buffer.from(text).toString('base64');

describe('credentials from a kubeconfig', () => {
  it('runs an exec credential plugin and sends its token', async () => {
    const script = path.join(dir, 'exec-plugin.mjs');
    await writeFile(
      script,
      `process.stdout.write(JSON.stringify({ apiVersion: 'client.authentication.k8s.io/v1', kind: 'ExecCredential', status: { token: 'exec-token' } }));\n`,
    );
    const file = await kubeconfigFile(
      'exec.yaml',
      kubeconfigFor(plain.url, {
        exec: {
          apiVersion: 'client.authentication.k8s.io/v1',
          command: process.execPath,
          args: [script],
          interactiveMode: 'Never',
        },
      }),
    );
    const kube = createKubeClient(loadKubeconfigTarget([file]));
    expect(await kube.whoami(DEFAULT_IDENTITY)).toMatchObject({ username: 'exec-user' });
    expect(await kube.target.defaultBearerToken()).toBe('exec-token');
    kube.target.close();
  });

  it('presents the client certificate and verifies the server with the kubeconfig CA', async () => {
    const file = await kubeconfigFile(
      'cert.yaml',
      kubeconfigFor(
        tlsUrl,
        {
          'client-certificate-data': b64(pems.clientcert ?? ''),
          'client-key-data': b64(pems.clientprivate ?? ''),
        },
        { 'certificate-authority-data': b64(pems.cert) },
      ),
    );
    const target = loadKubeconfigTarget([file]);
    const kube = createKubeClient(target);
    const { body } = await kube.request<TlsEcho>(DEFAULT_IDENTITY, {
      method: 'GET',
      path: '/api/v1/nodes',
    });
    expect(body).toEqual({
      clientCN: 'cert-user',
      authorization: null,
      impersonate: null,
      path: '/prefix/api/v1/nodes',
    });
    // A user token replaces the kubeconfig's identity entirely: no client certificate alongside it.
    const asUser = await kube.request<TlsEcho>(
      { kind: 'bearer', token: 'tok' },
      { method: 'GET', path: '/api' },
    );
    expect(asUser.body).toMatchObject({ clientCN: null, authorization: 'Bearer tok' });
    // Without a bearer token the backend API cannot act as this user: the plugin proxy says so.
    expect(await target.defaultBearerToken()).toBeUndefined();
    const builds = await makeFakeBuilds();
    const app = await buildApp({
      mode: 'standalone',
      distDir: builds.distDir,
      hostDistDir: builds.hostDistDir,
      cluster: target,
    });
    try {
      const page = await app.inject({ url: '/', headers: { accept: 'text/html' } });
      const session = page.cookies.find((c) => c.name === 'openshift-session-token');
      const cookie = `openshift-session-token=${session?.value ?? ''}`;
      const res = await app.inject({
        url: '/api/proxy/plugin/vm-disks-plugin/backend/api/v1/whoami',
        headers: { cookie },
      });
      expect(res.statusCode).toBe(401);
      expect(res.json<{ error: string }>().error).toContain('POST /auth/login');
      const proxied = await app.inject({ url: '/api/kubernetes/version', headers: { cookie } });
      expect(proxied.json<TlsEcho>()).toMatchObject({
        clientCN: 'cert-user',
        path: '/prefix/version',
      });
    } finally {
      await app.close();
      await rm(builds.root, { recursive: true, force: true });
    }
  });

  it('refuses an unknown server certificate, unless insecure-skip-tls-verify is set', async () => {
    const strict = await kubeconfigFile('strict.yaml', kubeconfigFor(tlsUrl, { token: 't1' }));
    const strictTarget = loadKubeconfigTarget([strict]);
    await expect(
      createKubeClient(strictTarget).request(DEFAULT_IDENTITY, { method: 'GET', path: '/api' }),
    ).rejects.toThrow(/self[- ]signed|unable to verify|certificate/i);
    strictTarget.close();

    const insecure = await kubeconfigFile(
      'insecure.yaml',
      kubeconfigFor(tlsUrl, { token: 't2', as: 'someone' }, { 'insecure-skip-tls-verify': true }),
    );
    const target = loadKubeconfigTarget([insecure]);
    const { body } = await createKubeClient(target).request<TlsEcho>(DEFAULT_IDENTITY, {
      method: 'GET',
      path: '/api',
    });
    expect(body).toMatchObject({ authorization: 'Bearer t2', impersonate: 'someone' });
    target.close();
  });

  it('reports the proxy’s upstream failures as a 502 Status', async () => {
    const strict = await kubeconfigFile('strict2.yaml', kubeconfigFor(tlsUrl, { token: 't1' }));
    const builds = await makeFakeBuilds();
    const app = await buildApp({
      mode: 'standalone',
      distDir: builds.distDir,
      hostDistDir: builds.hostDistDir,
      cluster: loadKubeconfigTarget([strict]),
    });
    const base = await app.listen({ host: '127.0.0.1', port: 0 });
    try {
      const res = await rawRequest(base, {
        path: '/api/kubernetes/api/v1/nodes',
        headers: { cookie: await pageSessionCookie(base) },
      });
      expect(res.status).toBe(502);
      expect(JSON.parse(res.body)).toMatchObject({ kind: 'Status', code: 502 });
    } finally {
      await app.close();
      await rm(builds.root, { recursive: true, force: true });
    }
  });
});

describe('unusable kubeconfigs fail with clear errors', () => {
  it('names a missing current context and an invalid file', async () => {
    const noContext = await kubeconfigFile(
      'nocontext.yaml',
      JSON.stringify({ apiVersion: 'v1', kind: 'Config', clusters: [], users: [], contexts: [] }),
    );
    expect(() => loadKubeconfigTarget([noContext])).toThrow(KubeTargetError);
    expect(() => loadKubeconfigTarget([noContext])).toThrow(/no current-context/);
    const garbage = await kubeconfigFile('garbage.yaml', '{ this is: [not yaml');
    expect(() => loadKubeconfigTarget([garbage])).toThrow(/cannot load kubeconfig/);
  });
});
