/**
 * The UI recovers from API faults, in Chromium: the real backend (standalone, the built plugin and
 * host from dist/ and dist-host/) talks to an in-process sandbox through the fault proxy.
 * (i) a list page loading while the API answers 500 shows an error, then the data without a reload;
 * (ii) the blank-disk form applied while the API answers 429 (Retry-After) and 500: the user sees the
 * API's message, retries, and exactly one DataVolume exists; (iii) connections cut during a watch:
 * the list updates again once they come back; (iv) a failed API discovery on the overview shows an
 * error (not "not served") and the HostPathProvisioner status once discovery answers again.
 * Needs `npm run build` and `npm run build:host` (dist/, dist-host/).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { markdownTable } from '../../bench/support/backend-process';
import { buildApp } from '../../src/server/app';
import { loadKubeconfigTarget } from '../../src/server/kube-target';
import type { RunningSandbox } from '../../src/server/sandbox-launcher';
import type { FaultProxy } from './fault-proxy';
import { startProxiedSandbox } from './proxied-sandbox';

const PORT = Number(process.env.FAULTS_UI_PORT ?? 19420);
/** Long enough for the watch backoff (1 s doubling, at most 15 s) to come round. */
const RECOVERY_MS = 45_000;
let dir: string;
let sandbox: RunningSandbox;
let proxy: FaultProxy;
let app: FastifyInstance;
let base: string;
let browser: Browser;
let page: Page;
const pageProblems: string[] = [];
const rows: string[][] = [];

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'vm-disks-faults-ui-'));
  let kubeconfig: string;
  ({ sandbox, proxy, kubeconfig } = await startProxiedSandbox(dir));
  app = await buildApp({
    mode: 'standalone',
    distDir: path.resolve('dist'),
    hostDistDir: path.resolve('dist-host'),
    cluster: loadKubeconfigTarget([kubeconfig]),
  });
  base = await app.listen({ host: '127.0.0.1', port: PORT });
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  page = await browser.newPage({ baseURL: base });
  page.on('pageerror', (e) => pageProblems.push(e.message));
});

afterAll(async () => {
  process.stdout.write(
    `\nThe UI under API faults (Chromium)\n\n${markdownTable(['fault', 'what the user saw', 'after the fault'], rows)}\n`,
  );
  await browser.close();
  await app.close();
  await proxy.close();
  await sandbox.close();
  await rm(dir, { recursive: true, force: true });
});

const visible = (selector: string, timeout = RECOVERY_MS) =>
  page.locator(selector).first().waitFor({ state: 'visible', timeout });

/** An alert's text without PatternFly's screen-reader prefix, on one line. */
const title = (text: string) => text.replace(/^\w+ alert:\s*/, '').replace(/\s+/g, ' ');

const admin = async (method: string, p: string, body?: unknown) => {
  const res = await fetch(`${sandbox.url}${p}`, {
    method,
    headers: {
      authorization: `Bearer ${sandbox.adminToken}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
};

it('(i) a list page loading while the API answers 500 shows the error, then the data by itself', async () => {
  // Every list of PersistentVolumes fails until the fault is lifted.
  const failedBefore = proxy.stats.failed;
  proxy.failNext(500, 100_000, (r) => r.method === 'GET' && r.url.includes('/persistentvolumes'));
  await page.goto('/vm-disks/local-volumes');
  await visible('[data-test="load-error"][data-error-kind="other"]');
  // The page keeps trying (and keeps showing the error) while the API keeps failing.
  for (let i = 0; proxy.stats.failed - failedBefore < 3; i++) {
    expect(i).toBeLessThan(300);
    await new Promise((r) => setTimeout(r, 100));
  }
  await visible('[data-test="load-error"][data-error-kind="other"]', 1000);
  const shown = await page.locator('[data-test="load-error"]').first().innerText();
  expect(shown).toContain('Could not load');
  expect(shown).toContain('injected fault');
  expect(await page.locator('[data-test="lv-node-group"]').count()).toBe(0);
  const failed = proxy.stats.failed - failedBefore;
  proxy.failNext(500, 0);
  // No reload, no click: the list comes back on its own.
  await visible('[data-test="lv-node-group"]');
  await page.locator('[data-test="load-error"]').waitFor({ state: 'detached', timeout: 5000 });
  expect(await page.getByText('local-pv-3f9a1c2e').count()).toBeGreaterThan(0);
  rows.push([
    `500 for every PV list (${String(failed)} failed)`,
    `"${title(shown)}" with the API message`,
    'the PV list, without a reload',
  ]);
});

it('(ii) the blank-disk form under 429 (Retry-After) and 500: a clear error, a retry, one DataVolume', async () => {
  const name = 'faults-blank';
  const isCreate = (r: { method: string; url: string }) =>
    r.method === 'POST' && r.url.includes('/datavolumes');
  await page.goto('/vm-disks/blank-disk');
  await visible('[data-test="blank-disk-form"]');
  await page.locator('#bd-namespace').fill('vm-images');
  await page.locator('#bd-name').fill(name);
  const create = page.locator('[data-test="bd-create"]');
  await page.waitForFunction(
    () => !document.querySelector<HTMLButtonElement>('[data-test="bd-create"]')?.disabled,
    undefined,
    { timeout: RECOVERY_MS },
  );

  proxy.failNext(429, 1, isCreate);
  await create.click();
  await visible('[data-test="bd-error"]');
  const tooMany = await page.locator('[data-test="bd-error"]').innerText();
  expect(tooMany).toContain('Could not create the DataVolume');
  expect(tooMany).toContain('Too many requests');

  proxy.failNext(500, 1, isCreate);
  await create.click();
  await page
    .locator('[data-test="bd-error"]', { hasText: 'injected fault' })
    .waitFor({ state: 'visible', timeout: 15_000 });
  const internal = await page.locator('[data-test="bd-error"]').innerText();

  await create.click();
  await visible('[data-test="bd-result"]');
  const list = await admin('GET', '/apis/cdi.kubevirt.io/v1beta1/namespaces/vm-images/datavolumes');
  const names = (list.body.items as { metadata: { name: string } }[]).map((i) => i.metadata.name);
  expect(names.filter((n) => n === name)).toHaveLength(1);
  rows.push([
    'blank disk: 429 (Retry-After: 1), then 500, on the create',
    `"${title(tooMany)}", then "${title(internal)}"`,
    `third click created it; DataVolumes named ${name}: ${String(names.filter((n) => n === name).length)}`,
  ]);
});

it('(iii) connections cut during a watch: the list updates again after they come back', async () => {
  await page.goto('/vm-disks/local-volumes');
  await visible('[data-test="lv-node-group"]');
  const template = await admin('GET', '/api/v1/persistentvolumes/local-pv-1c6e9b3d');
  expect(template.status).toBe(200);
  const cut = proxy.cutAll();
  expect(cut).toBeGreaterThan(0);
  // Changed while the watch is down (straight to the cluster, not through the proxy).
  const spec = structuredClone(template.body.spec) as {
    claimRef?: unknown;
    local: { path: string };
  };
  delete spec.claimRef;
  spec.local.path = '/mnt/local-storage/local/faults-after-cut';
  const made = await admin('POST', '/api/v1/persistentvolumes', {
    apiVersion: 'v1',
    kind: 'PersistentVolume',
    metadata: { name: 'faults-pv-after-cut' },
    spec,
  });
  expect(made.status).toBe(201);
  await page
    .getByText('faults-pv-after-cut')
    .first()
    .waitFor({ state: 'visible', timeout: RECOVERY_MS });
  // A second cut, and a change after it, still arrive.
  expect(proxy.cutAll()).toBeGreaterThan(0);
  expect((await admin('DELETE', '/api/v1/persistentvolumes/faults-pv-after-cut')).status).toBe(200);
  await page
    .getByText('faults-pv-after-cut')
    .first()
    .waitFor({ state: 'detached', timeout: RECOVERY_MS });
  rows.push([
    `every connection cut twice during the PV watch (${String(cut)} sockets the first time)`,
    'the list as it was',
    'a PV created after the cut appears, and disappears when deleted after the second cut',
  ]);
  expect(pageProblems).toEqual([]);
});

it('(iv) API discovery failing on the overview: an error, not "not served"; the status once it answers', async () => {
  const discovery = (r: { url: string }) =>
    /^\/apis\/hostpathprovisioner\.kubevirt\.io\/?(\?|$)/.test(r.url);
  proxy.failNext(500, 100_000, discovery);
  await page.goto('/vm-disks/overview');
  const status = page.locator('[data-test="hpp-status"]');
  await page
    .locator('[data-test="hpp-status"][data-state="error"]')
    .waitFor({ state: 'visible', timeout: RECOVERY_MS });
  const shown = await status.locator('[data-test="load-error"]').innerText();
  expect(shown).toContain('injected fault');
  proxy.failNext(500, 0);
  await page
    .locator('[data-test="hpp-status"]:is([data-state="absent"], [data-state="ready"])')
    .waitFor({ state: 'visible', timeout: RECOVERY_MS });
  const after = await status.getAttribute('data-state');
  rows.push([
    '500 for the HostPathProvisioner API discovery (overview)',
    `"${title(shown)}"`,
    `the HostPathProvisioner status (${String(after)}), without a reload`,
  ]);
  expect(pageProblems).toEqual([]);
});
