/**
 * Finding the CDI upload proxy from inside the cluster and trusting its certificate, against the sandbox
 * (HTTPS, token authentication, its upload proxy signed by the sandbox CA, which plays CDI's signer here):
 * namespace discovery from the HyperConverged CR and its fallback, the signer bundle ConfigMap, the service CA
 * file, and a real TLS connection to the upload proxy verified with the CA the locator returns.
 */
import https from 'node:https';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { generate } from 'selfsigned';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKubeClient, type KubeClient } from '../api/kube-client';
import { DEFAULT_IDENTITY, loadKubeconfigTarget, type KubeTarget } from '../kube-target';
import { startEmbeddedSandbox, type RunningSandbox } from '../sandbox-launcher';
import { createCdiUploadProxyLocator, UPLOAD_PROXY_SIGNER_BUNDLE } from './cdi-upload-proxy';

let dir: string;
let sandbox: RunningSandbox;
let target: KubeTarget;
let kube: KubeClient;
let proxyHost: string;
let otherCa: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'vm-disks-in-cluster-cdi-'));
  const started = await startEmbeddedSandbox({
    dataDir: path.join(dir, 'sandbox'),
    tls: true,
    quiet: true,
  });
  if (!started) throw new Error('src/sandbox/index.ts is missing');
  sandbox = started;
  await sandbox.writeKubeconfig(path.join(dir, 'kubeconfig'));
  target = loadKubeconfigTarget([path.join(dir, 'kubeconfig')]);
  kube = createKubeClient(target);
  // Where the sandbox's upload proxy listens (CDI publishes its Route host the same way).
  let url: string | undefined;
  // Until CDIConfig names it: bounded by the hook's timeout, not by an idle machine's speed.
  while (!url) {
    const { body } = await kube.request<{ status?: { uploadProxyURL?: string } }>(
      DEFAULT_IDENTITY,
      { method: 'GET', path: '/apis/cdi.kubevirt.io/v1beta1/cdiconfigs/config' },
    );
    url = body.status?.uploadProxyURL;
    if (!url) await new Promise((resolve) => setTimeout(resolve, 100));
  }
  proxyHost = url.replace(/^https?:\/\//, '');
  // The CA the upload proxy's certificate chains to, published as CDI publishes its signer.
  await kube.request(DEFAULT_IDENTITY, {
    method: 'POST',
    path: '/api/v1/namespaces/openshift-cnv/configmaps',
    body: {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: UPLOAD_PROXY_SIGNER_BUNDLE, namespace: 'openshift-cnv' },
      data: { 'ca-bundle.crt': sandbox.caPem ?? '' },
    },
  });
  otherCa = (
    await generate([{ name: 'commonName', value: 'service-ca' }], { keyType: 'ec', curve: 'P-256' })
  ).cert;
}, 120_000);

afterAll(async () => {
  target.close();
  await sandbox.close();
  await rm(dir, { recursive: true, force: true });
});

function healthz(url: URL, ca: string | undefined): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = https.request(new URL('/healthz', url), { ...(ca ? { ca } : {}) }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}

describe('CDI upload proxy locator', () => {
  it('discovers the namespace from the HyperConverged CR and reads the signer bundle there', async () => {
    const locator = createCdiUploadProxyLocator({
      kube,
      identity: DEFAULT_IDENTITY,
      serviceCaFile: path.join(dir, 'no-service-ca.crt'),
    });
    const endpoint = await locator.locate();
    expect(endpoint.namespace).toBe('openshift-cnv');
    expect(endpoint.url.href).toBe('https://cdi-uploadproxy.openshift-cnv.svc/');
    expect(endpoint.ca).toBe(sandbox.caPem);
    expect(await locator.locate()).toBe(endpoint);
  });

  it('falls back to openshift-cnv when the identity may not list HyperConverged CRs (a project user)', async () => {
    const developer = sandbox.users.find((u) => u.name === 'developer')?.token ?? '';
    const locator = createCdiUploadProxyLocator({
      kube,
      identity: { kind: 'bearer', token: developer },
      serviceCaFile: path.join(dir, 'no-service-ca.crt'),
    });
    const endpoint = await locator.locate();
    expect(endpoint.namespace).toBe('openshift-cnv');
    expect(endpoint.source).toBe(
      'no HyperConverged CR or cdi-uploadproxy Service visible; assuming openshift-cnv',
    );
  });

  it('connects to the upload proxy verified with the located CA (and not without it)', async () => {
    const serviceCa = path.join(dir, 'service-ca.crt');
    await writeFile(serviceCa, otherCa);
    const locator = createCdiUploadProxyLocator({
      kube,
      identity: DEFAULT_IDENTITY,
      namespace: 'openshift-cnv',
      overrideUrl: proxyHost,
      serviceCaFile: serviceCa,
    });
    const endpoint = await locator.locate();
    expect(endpoint.url.protocol).toBe('https:');
    expect(endpoint.source).toContain('--cdi-upload-proxy-url');
    // Both the service CA and CDI's signer are trusted.
    expect(endpoint.ca).toContain(otherCa.trim());
    expect(endpoint.ca).toContain((sandbox.caPem ?? '').trim());
    expect(await healthz(endpoint.url, endpoint.ca)).toBe(200);
    await expect(healthz(endpoint.url, otherCa)).rejects.toThrow(/certificate|self.signed/i);
  });
});
