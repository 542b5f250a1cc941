/**
 * `npm run bench:ui`: time to first render of the Overview, the local-volumes page and the host's PV list in
 * Chromium with a 200-PV world (baseline) and with 5,000 PVs + 2,000 DataVolumes, in the same run, plus scrolling
 * smoothness on the large world: a scripted scroll down and back up the longest list (frame intervals, long tasks
 * and the longest of them from a PerformanceObserver, table rows in the DOM). Seeds through the sandbox's API with
 * many parallel requests. Prints a table; loopback only. Port: BENCH_PORT or 19010.
 */
import { cp, mkdir, mkdtemp, readdir, rm, stat, symlink } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import {
  markdownTable,
  percentile,
  pool,
  startBackend,
  type BackendProcess,
} from '../support/backend-process';
import { browserSession } from '../support/browser-session';
import { dv, NAMESPACE, pv } from './world-manifests';

const PORT = Number(process.env.BENCH_PORT ?? 19010);
const BASELINE_PVS = 200;
const LARGE_PVS = Number(process.env.BENCH_PVS ?? 5000);
const LARGE_DVS = Number(process.env.BENCH_DVS ?? 2000);
const RUNS = 3;

interface Measure {
  page: string;
  /** The same list the page loads, fetched by Node through the backend (server side only). */
  listMs: number;
  world: string;
  firstRenderMs: number[];
  frameP50: number;
  frameP95: number;
  frameMax: number;
  longTasks: number;
  longestTaskMs: number;
  /** Long tasks in as many frames without scrolling just before (watch updates, timers): the page's own churn. */
  idleLongTasks: number;
  idleLongestTaskMs: number;
  /** Table rows in the DOM after the scroll. */
  domRows: number;
}

interface Smoothness {
  p50: number;
  p95: number;
  max: number;
  longTasks: number;
  longestTaskMs: number;
  idleLongTasks: number;
  idleLongestTaskMs: number;
  domRows: number;
}

async function api(
  b: BackendProcess,
  method: string,
  p: string,
  body?: unknown,
): Promise<Response> {
  return fetch(`${b.access.server}${p}`, {
    method,
    headers: {
      authorization: `Bearer ${b.access.tokens.admin}`,
      ...(body ? { 'content-type': 'application/json' } : {}),
    },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
}

async function createAll(
  b: BackendProcess,
  what: string,
  list: string,
  objects: unknown[],
): Promise<number> {
  const t0 = Date.now();
  let failed = 0;
  await pool(objects, 32, async (o) => {
    const res = await api(b, 'POST', list, o);
    if (res.status !== 201) {
      failed++;
      if (failed <= 3)
        process.stderr.write(`${what}: ${res.status} ${(await res.text()).slice(0, 200)}\n`);
    } else await res.arrayBuffer();
  });
  if (failed) throw new Error(`${failed} of ${objects.length} ${what} could not be created`);
  return Date.now() - t0;
}

interface Ready {
  /** Selectors that must all match. */
  all: string[];
  /** Selectors that must all not match (loading placeholders). */
  none: string[];
}

async function observeFirstRender(page: Page, url: string, ready: Ready): Promise<number> {
  await page.goto(url, { waitUntil: 'commit' });
  const handle = await page.waitForFunction(
    ({ all, none }) => {
      const ok =
        all.every((s) => document.querySelector(s) !== null) &&
        none.every((s) => document.querySelector(s) === null);
      return ok ? performance.now() : false;
    },
    ready,
    { timeout: Number(process.env.BENCH_RENDER_TIMEOUT_MS ?? 180_000), polling: 'raf' },
  );
  return (await handle.jsonValue()) as number;
}

/**
 * Watches 120 frames without scrolling (the page's own churn: watch updates, timers), then scrolls the scroll
 * container `scroller` picks (the one with the most content) 150 px per frame, 60 frames down and 60 back up,
 * recording frame intervals and long tasks of each part.
 */
async function scrollSmoothness(page: Page, scroller: string): Promise<Smoothness> {
  return page.evaluate(async (selector) => {
    const candidates = [...document.querySelectorAll<HTMLElement>(selector)];
    const target: Element | null =
      candidates.sort((a, b) => b.scrollHeight - a.scrollHeight).at(0) ?? document.scrollingElement;
    const watchFrames = async (step: (i: number) => void) => {
      const tasks: number[] = [];
      const observer = new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) tasks.push(entry.duration);
      });
      try {
        observer.observe({ type: 'longtask', buffered: false });
      } catch {
        // not supported
      }
      const frames: number[] = [];
      let last = performance.now();
      for (let i = 0; i < 120; i++) {
        await new Promise<void>((resolve) => {
          requestAnimationFrame(() => {
            const now = performance.now();
            frames.push(now - last);
            last = now;
            step(i);
            resolve();
          });
        });
      }
      // Long tasks are reported after they end: give the last one a frame to arrive.
      await new Promise((resolve) => setTimeout(resolve, 50));
      observer.disconnect();
      return { frames, tasks };
    };
    const idle = await watchFrames(() => undefined);
    const { frames, tasks } = await watchFrames((i) => {
      if (target) target.scrollTop += i < 60 ? 150 : -150;
    });
    frames.sort((a, b) => a - b);
    const at = (p: number) =>
      frames[Math.min(frames.length - 1, Math.ceil(p * frames.length) - 1)] ?? 0;
    return {
      p50: at(0.5),
      p95: at(0.95),
      max: frames[frames.length - 1] ?? 0,
      longTasks: tasks.length,
      longestTaskMs: Math.max(0, ...tasks),
      idleLongTasks: idle.tasks.length,
      idleLongestTaskMs: Math.max(0, ...idle.tasks),
      domRows: document.querySelectorAll('tbody tr').length,
    };
  }, scroller);
}

const PAGES: { name: string; url: string; ready: Ready; list: string; scroller: string }[] = [
  {
    name: 'Overview',
    list: '/api/kubernetes/apis/cdi.kubevirt.io/v1beta1/datavolumes',
    url: '/vm-disks/overview',
    ready: {
      all: [
        '[data-test="overview-pvs"] [data-test="pv-group"]',
        '[data-test="overview-datavolumes"]',
      ],
      none: ['[data-test="section-loading"]'],
    },
    scroller: '.vm-disks-plugin__virtual-table',
  },
  {
    name: 'Local volumes',
    list: '/api/kubernetes/api/v1/persistentvolumes',
    url: '/vm-disks/local-volumes',
    ready: { all: ['[data-test="lv-node-group"] [data-test-row]'], none: [] },
    scroller: '.vm-disks-plugin__virtual-table',
  },
  {
    name: 'PV list (host)',
    list: '/api/kubernetes/api/v1/persistentvolumes',
    url: '/k8s/cluster/persistentvolumes',
    ready: { all: ['[data-test="resource-list"] [data-test-row]'], none: [] },
    scroller: '.pf-v6-c-page__main-container',
  },
];

async function measureAll(browser: Browser, base: string, world: string): Promise<Measure[]> {
  const out: Measure[] = [];
  // Node's own list requests go with a session from the host page, as the browser's do.
  const session = await browserSession(base);
  for (const p of PAGES) {
    const times: number[] = [];
    let smooth: Smoothness = {
      p50: 0,
      p95: 0,
      max: 0,
      longTasks: 0,
      longestTaskMs: 0,
      idleLongTasks: 0,
      idleLongestTaskMs: 0,
      domRows: 0,
    };
    for (let run = 0; run < RUNS; run++) {
      const context = await browser.newContext({
        baseURL: base,
        viewport: { width: 1400, height: 900 },
      });
      // tsx keeps function names with a `__name` helper that page.evaluate bodies then reference.
      await context.addInitScript({ content: 'globalThis.__name = (f) => f;' });
      const page = await context.newPage();
      try {
        times.push(await observeFirstRender(page, p.url, p.ready));
      } catch (err) {
        const shot = path.join(os.tmpdir(), `bench-ui-${p.name.replace(/\W+/g, '-')}.png`);
        await page.screenshot({ path: shot, fullPage: false }).catch(() => undefined);
        throw new Error(
          `${p.name} (${world}) did not render (screenshot: ${shot}): ${(err as Error).message}`,
        );
      }
      if (run === RUNS - 1) smooth = await scrollSmoothness(page, p.scroller);
      await context.close();
    }
    const t0 = performance.now();
    const listed = await fetch(`${base}${p.list}`, { headers: session.headers });
    await listed.arrayBuffer();
    const listMs = performance.now() - t0;
    if (listed.status !== 200) throw new Error(`${p.list} via the backend: ${listed.status}`);
    out.push({
      listMs,
      page: p.name,
      world,
      firstRenderMs: times,
      frameP50: smooth.p50,
      frameP95: smooth.p95,
      frameMax: smooth.max,
      longTasks: smooth.longTasks,
      longestTaskMs: smooth.longestTaskMs,
      idleLongTasks: smooth.idleLongTasks,
      idleLongestTaskMs: smooth.idleLongestTaskMs,
      domRows: smooth.domRows,
    });
    process.stdout.write(
      `  ${world} ${p.name}: first render ${times.map((t) => t.toFixed(0)).join(', ')} ms\n`,
    );
  }
  return out;
}

/**
 * A working directory for the backend whose `dist/` and `dist-host/` are copies taken now and everything else links
 * to the repository: a build started elsewhere during the run cannot swap the bundles under the pages measured.
 */
async function snapshotOfBuild(into: string): Promise<string> {
  const root = process.cwd();
  const app = path.join(into, 'app');
  const builtAt = async () =>
    Math.max(
      ...(await Promise.all(
        ['dist/plugin-manifest.json', 'dist-host/index.html'].map(async (f) =>
          stat(path.join(root, f)).then(
            (s) => s.mtimeMs,
            () => NaN,
          ),
        ),
      )),
    );
  // A build may be under way: copy again until both builds stayed the same during the copy.
  for (let attempt = 0; ; attempt++) {
    await rm(app, { recursive: true, force: true });
    await mkdir(app, { recursive: true });
    const before = await builtAt();
    for (const entry of await readdir(root)) {
      if (entry === 'dist' || entry === 'dist-host') {
        await cp(path.join(root, entry), path.join(app, entry), { recursive: true });
      } else {
        await symlink(path.join(root, entry), path.join(app, entry));
      }
    }
    if (!Number.isNaN(before) && before === (await builtAt())) return app;
    if (attempt === 20) throw new Error('dist/ and dist-host/ kept changing; is a build looping?');
    await new Promise((resolve) => setTimeout(resolve, 5000));
  }
}

async function main(): Promise<void> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'vm-disks-bench-ui-'));
  process.chdir(await snapshotOfBuild(dataDir));
  const backend = await startBackend({ port: PORT, dataDir: path.join(dataDir, 'sandbox') });
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
    const existing = (await (await api(backend, 'GET', '/api/v1/persistentvolumes')).json()) as {
      items: unknown[];
    };
    const seedTimes: [string, number][] = [];
    seedTimes.push([
      `${BASELINE_PVS - existing.items.length} PVs`,
      await createAll(
        backend,
        'PVs',
        '/api/v1/persistentvolumes',
        Array.from({ length: BASELINE_PVS - existing.items.length }, (_, i) => pv(i)),
      ),
    ]);
    const baseline = await measureAll(browser, backend.url, `${BASELINE_PVS} PVs`);

    await api(backend, 'POST', '/api/v1/namespaces', {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: NAMESPACE },
    });
    seedTimes.push([
      `${LARGE_PVS - BASELINE_PVS} more PVs`,
      await createAll(
        backend,
        'PVs',
        '/api/v1/persistentvolumes',
        Array.from({ length: LARGE_PVS - BASELINE_PVS }, (_, i) => pv(BASELINE_PVS + i)),
      ),
    ]);
    seedTimes.push([
      `${LARGE_DVS} DataVolumes`,
      await createAll(
        backend,
        'DataVolumes',
        `/apis/cdi.kubevirt.io/v1beta1/namespaces/${NAMESPACE}/datavolumes`,
        Array.from({ length: LARGE_DVS }, (_, i) => dv(i)),
      ),
    ]);
    const large = await measureAll(browser, backend.url, `${LARGE_PVS} PVs + ${LARGE_DVS} DVs`);
    const rss = await backend.rssBytes();

    const rows = PAGES.map((p) => {
      const a = baseline.find((m) => m.page === p.name);
      const b = large.find((m) => m.page === p.name);
      const ma = percentile(a?.firstRenderMs ?? [], 50);
      const mb = percentile(b?.firstRenderMs ?? [], 50);
      return [
        p.name,
        `${(a?.listMs ?? 0).toFixed(0)} / ${(b?.listMs ?? 0).toFixed(0)}`,
        ma.toFixed(0),
        mb.toFixed(0),
        (mb / ma).toFixed(2),
        `${(b?.frameP50 ?? 0).toFixed(1)} / ${(b?.frameP95 ?? 0).toFixed(1)} / ${(b?.frameMax ?? 0).toFixed(0)}`,
        `${b?.longTasks ?? 0} / ${(b?.longestTaskMs ?? 0).toFixed(0)}`,
        `${b?.idleLongTasks ?? 0} / ${(b?.idleLongestTaskMs ?? 0).toFixed(0)}`,
        String(b?.domRows ?? 0),
      ];
    });
    process.stdout.write(
      `\nUI bench (Chromium, median of ${RUNS} loads; scrolling = 120 frames of 150 px down and up the longest list on the large world)\n\n` +
        markdownTable(
          [
            'page',
            'list via backend ms (small / large)',
            `first render ms (${BASELINE_PVS} PVs)`,
            `first render ms (${LARGE_PVS} PVs + ${LARGE_DVS} DVs)`,
            'ratio',
            'frame ms p50 / p95 / max while scrolling',
            'long tasks while scrolling (count / longest ms)',
            'long tasks in as many frames without scrolling',
            'table rows in the DOM',
          ],
          rows,
        ) +
        `\n\nScrolling target (issue: code health): longest task while scrolling ≤ ${LONGEST_TASK_TARGET_MS} ms on every page: ${scrollVerdict(large)}` +
        `\n\nSeeding: ${seedTimes.map(([w, ms]) => `${w} in ${(ms / 1000).toFixed(1)} s`).join(', ')}; backend+sandbox RSS after: ${(rss / 2 ** 20).toFixed(0)} MiB\n`,
    );
  } finally {
    await browser.close();
    await backend.kill('SIGTERM');
    await rm(dataDir, { recursive: true, force: true });
  }
}

/** Windowed lists (TanStack Virtual) keep every task of a scroll frame short; 50 ms is the RAIL budget of a task. */
const LONGEST_TASK_TARGET_MS = 50;

const scrollVerdict = (large: { page: string; longestTaskMs: number }[]): string => {
  const over = large.filter((m) => m.longestTaskMs > LONGEST_TASK_TARGET_MS);
  const worst = Math.max(0, ...large.map((m) => m.longestTaskMs));
  return over.length === 0
    ? `met (worst ${worst.toFixed(0)} ms)`
    : `NOT met: ${over.map((m) => `${m.page} ${m.longestTaskMs.toFixed(0)} ms`).join(', ')}`;
};

main().catch((err: unknown) => {
  process.stderr.write(`bench:ui failed: ${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});
