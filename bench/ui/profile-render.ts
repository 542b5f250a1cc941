/**
 * `tsx bench/ui/profile-render.ts`: where the browser spends first render of the Overview, the local-volumes page
 * and the host's PV list with a large world. Seeds PROFILE_PVS PVs + PROFILE_DVS DataVolumes into a sandbox
 * (kept in PROFILE_DATA, reused when it already holds them), loads each page in Chromium under the CDP Profiler
 * and prints the functions with the most self time (script URL and line:column of the built code; the .map files
 * next to it name the source). Loopback only. Port: PROFILE_PORT or 19301.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import os from 'node:os';
import { chromium } from 'playwright-core';
import { markdownTable, pool, startBackend, type BackendProcess } from '../support/backend-process';
import { dv, NAMESPACE, pv } from './world-manifests';

const PORT = Number(process.env.PROFILE_PORT ?? 19301);
const DATA = process.env.PROFILE_DATA ?? path.join(os.tmpdir(), 'vm-disks-profile-render');
const PVS = Number(process.env.PROFILE_PVS ?? 5000);
const DVS = Number(process.env.PROFILE_DVS ?? 2000);
const TOP = 25;

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const admin = async (b: BackendProcess, method: string, p: string, body?: unknown) =>
  fetch(`${b.access.server}${p}`, {
    method,
    headers: {
      authorization: `Bearer ${b.access.tokens.admin}`,
      ...(body ? { 'content-type': 'application/json' } : {}),
    },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });

async function seed(b: BackendProcess): Promise<void> {
  const have = (await (await admin(b, 'GET', '/api/v1/persistentvolumes')).json()) as {
    items: unknown[];
  };
  if (have.items.length >= PVS) return;
  await admin(b, 'POST', '/api/v1/namespaces', {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name: NAMESPACE },
  });
  await pool(
    Array.from({ length: PVS }, (_, i) => i),
    32,
    async (i) => (await admin(b, 'POST', '/api/v1/persistentvolumes', pv(i))).arrayBuffer(),
  );
  await pool(
    Array.from({ length: DVS }, (_, i) => i),
    32,
    async (i) =>
      (
        await admin(
          b,
          'POST',
          `/apis/cdi.kubevirt.io/v1beta1/namespaces/${NAMESPACE}/datavolumes`,
          dv(i),
        )
      ).arrayBuffer(),
  );
}

/** Self time per function (ms), highest first. */
const selfTimes = (profile: Profile): [string, number][] => {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const totals = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const frame = byId.get(id)?.callFrame;
    if (!frame) return;
    const file = frame.url.split('/').pop() ?? '';
    const key = `${frame.functionName || '(anonymous)'} ${file}:${frame.lineNumber + 1}:${frame.columnNumber + 1}`;
    totals.set(key, (totals.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  });
  return [...totals.entries()].sort((a, b) => b[1] - a[1]);
};

const PAGES = [
  {
    name: 'Overview',
    url: '/vm-disks/overview',
    ready: '[data-test="overview-pvs"] [data-test="pv-group"]',
  },
  { name: 'Local volumes', url: '/vm-disks/local-volumes', ready: '[data-test="lv-node-group"]' },
  { name: 'PV list (host)', url: '/k8s/cluster/persistentvolumes', ready: '[data-test-row]' },
];

async function main(): Promise<void> {
  const fresh = !existsSync(path.join(DATA, 'users.tokens.json'));
  const backend = await startBackend({ port: PORT, dataDir: DATA, reset: fresh });
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  try {
    await seed(backend);
    const only = process.argv[2];
    for (const p of PAGES.filter((x) => !only || x.name.toLowerCase().startsWith(only))) {
      const context = await browser.newContext({
        baseURL: backend.url,
        viewport: { width: 1400, height: 900 },
      });
      const page = await context.newPage();
      const cdp = await context.newCDPSession(page);
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
      await cdp.send('Profiler.start');
      const t0 = Date.now();
      await page.goto(p.url, { waitUntil: 'commit' });
      await page.waitForSelector(p.ready, { timeout: 180_000 });
      const renderMs = Date.now() - t0;
      // Whatever follows first render (watch events, later sections) until the page is quiet.
      await page.waitForTimeout(Number(process.env.PROFILE_SETTLE_MS ?? 3000));
      const { profile } = (await cdp.send('Profiler.stop')) as { profile: Profile };
      // Requests that took long (the page waits on them, not on script).
      const slow = await page.evaluate(() =>
        performance
          .getEntriesByType('resource')
          .filter((e) => e.duration > 150)
          .map(
            (e) =>
              `${e.name.replace(location.origin, '')}: start ${e.startTime.toFixed(0)} ms, took ${e.duration.toFixed(0)} ms`,
          ),
      );
      if (slow.length) process.stdout.write(`\nslow requests:\n${slow.join('\n')}\n`);
      if (process.env.PROFILE_SHOTS) {
        await page.screenshot({
          path: path.join(process.env.PROFILE_SHOTS, `${p.name.replace(/\W+/g, '-')}.png`),
        });
      }
      const rows = selfTimes(profile).slice(0, TOP);
      const total = selfTimes(profile).reduce((s, [, ms]) => s + ms, 0);
      process.stdout.write(
        `\n${p.name}: first render ${renderMs} ms; profiled ${total.toFixed(0)} ms\n\n` +
          markdownTable(
            ['function (built file:line:col)', 'self ms'],
            rows.map(([k, ms]) => [k, ms.toFixed(0)]),
          ) +
          '\n',
      );
      await context.close();
    }
  } finally {
    await browser.close();
    await backend.kill('SIGTERM');
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`profile failed: ${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});
