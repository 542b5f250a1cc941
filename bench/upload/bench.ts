/**
 * Upload benchmark (run on demand, not in CI): `npx tsx bench/upload/bench.ts [--sizes 256,1024] [--no-browser]`.
 *
 * For each size, an incompressible raw image is uploaded into a fresh upload DataVolume of the standalone
 * sandbox (its own process) three ways, and the wall time from the first byte sent to DataVolume Succeeded
 * is measured:
 *   (a) one streaming POST straight to the sandbox's CDI upload proxy (what `virtctl image-upload` does);
 *   (b) our path from Node: tus-js-client → backend tus endpoint → staging → forwarder → upload proxy;
 *   (c) our path from Chromium through the Uploads page (includes creating the DataVolume; the worker finds
 *       each chunk's zero blocks and hashes the bytes it sends).
 * (b) hands the backend the whole file's SHA-256 (`PUT …/checksum`), as a client without per-chunk SHA-256 may.
 * Also: the backend's peak RSS per run (VmHWM, reset before each run), the page's JS heap growth, SHA-256
 * throughput (hash-wasm and the no-WASM fallback; the worker's own figure from the page), and inspection time
 * per format. Prints a Markdown table.
 */
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import {
  closeSync,
  cpSync,
  createReadStream,
  existsSync,
  ftruncateSync,
  openAsBlob,
  openSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { chromium, type CDPSession } from 'playwright-core';
import * as tus from 'tus-js-client';
import { createSHA256 } from 'hash-wasm';
import { inspectImage } from '../../src/lib/image-inspection';
import { Sha256 } from '../../src/lib/sha256';
import { CHUNK_MARK, type ChunkTiming } from '../../src/plugin/features/uploads/chunk-timeline';
import { ensureCompiledBackend } from '../support/backend-process';
import { browserSession } from '../support/browser-session';
import { startLink, type Link } from './link';

const MiB = 1024 * 1024;
const ROOT = path.resolve(import.meta.dirname, '../..');
const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '256,1024' },
    'no-browser': { type: 'boolean', default: false },
    port: { type: 'string', default: '18720' },
    // The shipped backend (node dist-server/main.js, rebuilt when stale) unless --tsx.
    tsx: { type: 'boolean', default: false },
    // Which runs: a (direct), b (tus from Node), c (Chromium); default all (c unless --no-browser).
    runs: { type: 'string', default: 'a,b,c' },
    // Write V8 CPU profiles of the backend into this directory.
    'cpu-prof': { type: 'string' },
    // Shaped links (rate/round trip in ms) between the client and the cluster side; '' skips the link table.
    links: { type: 'string', default: '200m/20,1g/5' },
    // Image size for the link table in MiB (--link-mib 4096 for the large run).
    'link-mib': { type: 'string', default: '512' },
    // Images for the link table: sparse (raw, 3/4 zero blocks), noise (incompressible raw), qcow2.
    'link-images': { type: 'string', default: 'sparse,noise,qcow2' },
  },
});
const runs = new Set(values.runs.split(','));
const sizes = values.sizes
  .split(',')
  .map((s) => Number(s) * MiB)
  .filter((n) => n > 0);
const SANDBOX_PORT = Number(values.port);
const BACKEND_PORT = SANDBOX_PORT + 1;
const NS = 'vm-images';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const children: ChildProcess[] = [];

function startProcess(
  args: string[],
  env: NodeJS.ProcessEnv = {},
  nodeArgs = ['--import', 'tsx'],
): ChildProcess {
  const child = spawn(process.execPath, [...nodeArgs, ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stderr.on('data', (d: Buffer) =>
    process.stderr.write(`[${path.basename(args[0] ?? '')}] ${d.toString()}`),
  );
  children.push(child);
  return child;
}

async function waitFor<T>(
  what: string,
  fn: () => Promise<T | undefined>,
  ms = 120_000,
): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    try {
      const v = await fn();
      if (v !== undefined) return v;
    } catch {
      // not yet
    }
    if (Date.now() > end) throw new Error(`timed out: ${what}`);
    await sleep(200);
  }
}

interface Kube {
  server: string;
  token: string;
  ca?: string;
}

function loadKube(kubeconfig: string): Kube {
  const text = readFileSync(kubeconfig, 'utf8');
  const server = /server:\s*(\S+)/.exec(text)?.[1] ?? '';
  const token = /token:\s*(\S+)/.exec(text)?.[1] ?? '';
  const caData = /certificate-authority-data:\s*(\S+)/.exec(text)?.[1];
  return { server, token, ...(caData ? { ca: Buffer.from(caData, 'base64').toString() } : {}) };
}

function request(
  url: string,
  init: { method?: string; headers?: Record<string, string | number>; body?: unknown; ca?: string },
  stream?: NodeJS.ReadableStream,
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const u = new URL(url);
    const lib = u.protocol === 'https:' ? https : http;
    const req = lib.request(
      u,
      // A fresh connection each time: a reused keep-alive socket the server is just closing ends in
      // "socket hang up" after long runs.
      {
        method: init.method ?? 'GET',
        headers: init.headers,
        agent: false,
        ...(init.ca ? { ca: init.ca } : {}),
      },
      (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () => {
          resolve({ status: res.statusCode ?? 0, text });
        });
      },
    );
    req.on('error', reject);
    if (stream) stream.pipe(req);
    else req.end(init.body === undefined ? undefined : JSON.stringify(init.body));
  });
}

async function kube<T>(k: Kube, method: string, p: string, body?: unknown): Promise<T> {
  const r = await request(`${k.server}${p}`, {
    method,
    headers: { authorization: `Bearer ${k.token}`, 'content-type': 'application/json' },
    body,
    ...(k.ca ? { ca: k.ca } : {}),
  });
  if (r.status >= 300) throw new Error(`${method} ${p}: ${r.status} ${r.text}`);
  return JSON.parse(r.text) as T;
}

const dataVolume = (name: string, size: number) => ({
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
      resources: { requests: { storage: `${Math.ceil((size * 1.1) / MiB) + 16}Mi` } },
    },
  },
});

async function dvPhase(k: Kube, name: string): Promise<string> {
  const dv = await kube<{ status?: { phase?: string } }>(
    k,
    'GET',
    `/apis/cdi.kubevirt.io/v1beta1/namespaces/${NS}/datavolumes/${name}`,
  );
  return dv.status?.phase ?? '';
}

async function createReady(k: Kube, name: string, size: number): Promise<void> {
  await kube(
    k,
    'POST',
    `/apis/cdi.kubevirt.io/v1beta1/namespaces/${NS}/datavolumes`,
    dataVolume(name, size),
  );
  await waitFor(`${name} UploadReady`, async () =>
    (await dvPhase(k, name)) === 'UploadReady' ? true : undefined,
  );
}

async function waitSucceeded(k: Kube, name: string): Promise<void> {
  await waitFor(
    `${name} Succeeded`,
    async () => {
      const p = await dvPhase(k, name);
      if (p === 'Failed') throw new Error(`${name} failed`);
      return p === 'Succeeded' ? true : undefined;
    },
    30 * 60_000,
  );
}

async function deleteDv(k: Kube, name: string): Promise<void> {
  await kube(
    k,
    'DELETE',
    `/apis/cdi.kubevirt.io/v1beta1/namespaces/${NS}/datavolumes/${name}`,
  ).catch(() => undefined);
  // let the local PVs be released and recycled
  await sleep(3000);
}

/** CPU seconds (user + system) a process and its finished children have used so far. */
function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // utime + stime, and the same of waited-for children (qemu-img runs of the sandbox).
  return (Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14])) / 100;
}

function peakRss(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0) * 1024;
}
/** Resets the peak (VmHWM) to the current RSS and returns that current RSS. */
function resetPeak(pid: number): number {
  writeFileSync(`/proc/${pid}/clear_refs`, '5');
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) * 1024;
}

async function direct(
  k: Kube,
  proxy: string,
  file: string,
  size: number,
  name: string,
  volumeSize = size,
): Promise<number> {
  await createReady(k, name, volumeSize);
  const tok = await kube<{ status: { token: string } }>(
    k,
    'POST',
    `/apis/upload.cdi.kubevirt.io/v1beta1/namespaces/${NS}/uploadtokenrequests`,
    {
      apiVersion: 'upload.cdi.kubevirt.io/v1beta1',
      kind: 'UploadTokenRequest',
      metadata: { name, namespace: NS },
      spec: { pvcName: name },
    },
  );
  const started = performance.now();
  const r = await request(
    `${proxy}/v1beta1/upload-async`,
    {
      method: 'POST',
      headers: {
        authorization: `Bearer ${tok.status.token}`,
        'content-type': 'application/octet-stream',
        'content-length': size,
      },
      ...(k.ca ? { ca: k.ca } : {}),
    },
    createReadStream(file),
  );
  if (r.status !== 200) throw new Error(`direct upload: ${r.status} ${r.text}`);
  await waitSucceeded(k, name);
  return performance.now() - started;
}

async function viaTus(
  k: Kube,
  backend: string,
  file: string,
  size: number,
  name: string,
): Promise<number> {
  await createReady(k, name, size);
  // The session a browser gets from the host page (the kubeconfig's identity), with its csrf cookie.
  const { headers } = await browserSession(backend);
  const started = performance.now();
  const stages: string[] = [];
  const stage = (what: string) =>
    stages.push(`${what} ${((performance.now() - started) / 1000).toFixed(2)} s`);
  // Hashed while tus sends, as the browser's worker does.
  const hashed = (async () => {
    const sha = createHash('sha256');
    for await (const chunk of createReadStream(file, { highWaterMark: 4 * MiB }))
      sha.update(chunk as Buffer);
    const hex = sha.digest('hex');
    stage('hashed');
    return hex;
  })();
  const url = await new Promise<string>((resolve, reject) => {
    const upload: tus.Upload = new tus.Upload(createReadStream(file), {
      endpoint: `${backend}/api/proxy/plugin/vm-disks-plugin/backend/api/v1/uploads/tus/`,
      uploadSize: size,
      chunkSize: 64 * MiB,
      headers,
      metadata: {
        namespace: NS,
        targetKind: 'new-dv',
        targetName: name,
        filename: path.basename(file),
        fingerprint: name,
      },
      onError: reject,
      onSuccess: () => {
        resolve(upload.url ?? '');
      },
    });
    upload.start();
  });
  stage('tus done');
  const id = url.split('/').pop() ?? '';
  const digest = await hashed;
  const checksum = await request(
    `${backend}/api/proxy/plugin/vm-disks-plugin/backend/api/v1/uploads/${id}/checksum`,
    {
      method: 'PUT',
      headers: { ...headers, 'content-type': 'application/json' },
      body: { sha256: digest },
    },
  );
  if (checksum.status >= 300) throw new Error(`checksum: ${checksum.status} ${checksum.text}`);
  stage('checksum sent');
  await waitFor(
    'tus upload done',
    async () => {
      const r = await request(
        `${backend}/api/proxy/plugin/vm-disks-plugin/backend/api/v1/uploads/${id}`,
        { headers },
      );
      const s = JSON.parse(r.text) as { state: string; error?: string };
      if (s.state === 'failed') throw new Error(s.error);
      return s.state === 'done' ? true : undefined;
    },
    30 * 60_000,
  );
  stage('done');
  process.stderr.write(`(b) ${size / MiB} MiB stages: ${stages.join(', ')}\n`);
  return performance.now() - started;
}

interface BrowserRun {
  ms: number;
  /** One line: where the time went (chunk timeline, CPU seconds per process). */
  timeline: string;
  /** The worker's per-chunk digest rate (zero scan + SHA-256 of what is sent), MiB of chunk per second. */
  digestMiBs: number;
  heapGrowth: number;
  inspectMs: number;
  /** Bytes the page declared as zeros instead of sending (tus extension vm-disks-zero-ranges). */
  zeroBytes: number;
}

/** The processes outside the browser whose CPU seconds a run reports. */
interface CpuPids {
  backend: number;
  sandbox: number;
}

/** CPU seconds per Chromium process type (CDP SystemInfo.getProcessInfo; the worker runs in the renderer). */
async function chromiumCpu(cdp: CDPSession): Promise<Map<string, number>> {
  const { processInfo } = await cdp.send('SystemInfo.getProcessInfo');
  const byType = new Map<string, number>();
  for (const p of processInfo) {
    const type = p.type.replace(/^network\.mojom\.NetworkService$/, 'network');
    byType.set(`${type}:${p.id}`, p.cpuTime);
  }
  return byType;
}

/** CPU seconds per process type between two `chromiumCpu` readings (processes that came and went count). */
function cpuDelta(before: Map<string, number>, after: Map<string, number>): Map<string, number> {
  const out = new Map<string, number>();
  for (const [key, t] of after) {
    const type = key.slice(0, key.lastIndexOf(':'));
    if (!['browser', 'renderer', 'network', 'GPU'].includes(type)) continue;
    out.set(type, (out.get(type) ?? 0) + t - (before.get(key) ?? 0));
  }
  return out;
}

/** The page's chunk timeline (src/plugin/features/uploads/chunk-timeline.ts), summed up in a few numbers. */
function chunkSummary(chunks: ChunkTiming[], t0: number): { line: string; digestMiBs: number } {
  if (chunks.length === 0) return { line: 'no chunk timeline', digestMiBs: NaN };
  const sum = (f: (c: ChunkTiming) => number) => chunks.reduce((n, c) => n + f(c), 0);
  const ms = (v: number) => `${Math.round(v)}`;
  const bytes = sum((c) => c.bytes);
  const first = chunks[0];
  const last = chunks[chunks.length - 1];
  const patchEnd = last.at + last.patchMs - t0;
  // Gaps between one PATCH's answer and the next PATCH's send (tus-js-client's own work, digest waits).
  let gaps = 0;
  for (let i = 1; i < chunks.length; i++) {
    gaps += chunks[i].at - (chunks[i - 1].at + chunks[i - 1].patchMs);
  }
  const digestMiBs = bytes / MiB / ((sum((c) => c.readMs) + sum((c) => c.digestMs)) / 1000);
  return {
    line:
      `${chunks.length} chunks; first PATCH at ${ms(first.at - t0)} ms, last answered at ${ms(patchEnd)} ms; ` +
      `worker read ${ms(sum((c) => c.readMs))} + digest ${ms(sum((c) => c.digestMs))} ms (${digestMiBs.toFixed(0)} MiB/s), ` +
      `PATCH waited for digest ${ms(sum((c) => c.waitMs))} ms; PATCHes ${ms(sum((c) => c.patchMs))} ms for ` +
      `${(sum((c) => c.sent) / MiB).toFixed(0)} MiB sent (${(sum((c) => c.sent) / MiB / (sum((c) => c.patchMs) / 1000)).toFixed(0)} MiB/s), ` +
      `between PATCHes ${ms(gaps)} ms`,
    digestMiBs,
  };
}

async function viaBrowser(
  backend: string,
  file: string,
  size: number,
  name: string,
  volumeSize = size,
  pids?: CpuPids,
): Promise<BrowserRun> {
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
    const browserCdp = await browser.newBrowserCDPSession();
    const page = await browser.newPage();
    const consoleLines: string[] = [];
    page.on('console', (m) => consoleLines.push(`${m.type()}: ${m.text()}`));
    page.on('pageerror', (e) => consoleLines.push(`pageerror: ${e.message}`));
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');
    const heap = async () => {
      const { metrics } = await cdp.send('Performance.getMetrics');
      return metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0;
    };
    await page.goto(`${backend}/vm-disks/uploads`);
    await page.waitForSelector('[data-test="uploads-page"]');
    await cdp.send('HeapProfiler.collectGarbage');
    const baseline = await heap();
    let peak = baseline;
    await page.locator('input[type=file][multiple]').setInputFiles(file);
    const card = page.locator(`[data-test="upload-item"][data-file="${path.basename(file)}"]`);
    await card
      .locator('[data-test="upload-namespace"]')
      .waitFor({ timeout: 60_000 })
      .catch(async (err: unknown) => {
        throw new Error(
          `${(err as Error).message}\ncard: ${await card.innerText().catch(() => '?')}\n${consoleLines.join('\n')}`,
        );
      });
    await card.locator('[data-test="upload-namespace"]').fill(NS);
    await card.locator('[data-test="upload-name"]').fill(name);
    await card
      .locator('[data-test="upload-size"]')
      .fill(`${Math.ceil((volumeSize * 1.1) / MiB) + 16}Mi`);
    const start = card.locator('[data-test="upload-start"]');
    await start.waitFor();
    await page.waitForFunction(
      (el) => !(el as HTMLButtonElement).disabled,
      await start.elementHandle(),
    );
    const cpuBefore = {
      chromium: await chromiumCpu(browserCdp),
      backend: pids ? cpuSeconds(pids.backend) : 0,
      sandbox: pids ? cpuSeconds(pids.sandbox) : 0,
      // The bench process: its link emulator relays every byte of (c).
      bench: process.cpuUsage(),
    };
    const pageStarted = await page.evaluate(() => performance.now());
    const started = performance.now();
    await start.click();
    const phases: string[] = [];
    let lastPhase = '';
    for (;;) {
      peak = Math.max(peak, await heap());
      const phase = await card.getAttribute('data-phase');
      if (phase && phase !== lastPhase) {
        lastPhase = phase;
        phases.push(`${phase} ${((performance.now() - started) / 1000).toFixed(2)} s`);
      }
      if (phase === 'done') break;
      if (phase === 'failed') throw new Error(`browser upload failed: ${await card.innerText()}`);
      await sleep(250);
    }
    const ms = performance.now() - started;
    const chromium = cpuDelta(cpuBefore.chromium, await chromiumCpu(browserCdp));
    const chunks = await page.evaluate(
      (mark) =>
        performance.getEntriesByName(mark).map((e) => (e as PerformanceMark).detail as ChunkTiming),
      CHUNK_MARK,
    );
    const summary = chunkSummary(chunks, pageStarted);
    const cpu = [...chromium]
      .filter(([, t]) => t >= 0.05)
      .map(([type, t]) => `${type} ${t.toFixed(1)}`);
    if (pids) {
      cpu.push(`backend ${(cpuSeconds(pids.backend) - cpuBefore.backend).toFixed(1)}`);
      cpu.push(`sandbox ${(cpuSeconds(pids.sandbox) - cpuBefore.sandbox).toFixed(1)}`);
    }
    const bench = process.cpuUsage(cpuBefore.bench);
    cpu.push(`bench+link ${((bench.user + bench.system) / 1e6).toFixed(1)}`);
    // The backend's session: its count of declared zeros proves the sparse path ran (0 for images without zero
    // blocks); the file's SHA-256 is the backend's (of what it sent to CDI), and with every chunk's SHA-256
    // verified on arrival the page hashed no whole file and the CDI leg waited for none.
    const listed = await page.request.get(
      `${backend}/api/proxy/plugin/vm-disks-plugin/backend/api/v1/uploads`,
    );
    const sessions = (
      (await listed.json()) as {
        items: {
          targetName: string;
          zeroBytes?: number;
          verifiedSha256?: string;
        }[];
      }
    ).items;
    const session = sessions.find((s) => s.targetName === name);
    const zeroBytes = session?.zeroBytes ?? 0;
    const fileHash = session?.verifiedSha256
      ? `backend ${session.verifiedSha256.slice(0, 12)}… (no whole-file hash from the page)`
      : 'none yet';
    const timeline = `${phases.join(', ')}; ${summary.line}; file SHA-256: ${fileHash}; CPU s: ${cpu.join(', ')}`;
    return {
      ms,
      timeline,
      digestMiBs: summary.digestMiBs,
      zeroBytes,
      heapGrowth: peak - baseline,
      inspectMs: Number(await card.getAttribute('data-inspect-ms')),
    };
  } finally {
    await browser.close();
  }
}

async function hashThroughput(): Promise<{ wasm: number; js: number }> {
  const buf = new Uint8Array(8 * MiB);
  for (let i = 0; i < buf.length; i++) buf[i] = (i * 2654435761) >>> 24;
  const total = 512 * MiB;
  const w = await createSHA256();
  w.init();
  let t = performance.now();
  for (let n = 0; n < total; n += buf.length) w.update(buf);
  w.digest('hex');
  const wasm = total / MiB / ((performance.now() - t) / 1000);
  const j = new Sha256();
  t = performance.now();
  for (let n = 0; n < 128 * MiB; n += buf.length) j.update(buf);
  j.digestHex();
  const js = 128 / ((performance.now() - t) / 1000);
  return { wasm, js };
}

async function inspectionTimes(dir: string): Promise<[string, number][]> {
  const raw = path.join(dir, 'i.raw');
  const noise = Buffer.alloc(32 * MiB);
  for (let i = 0; i < noise.length; i++) noise[i] = (i * 2654435761) >>> 24;
  writeFileSync(raw, noise);
  const q = (args: string[]) => execFileSync('qemu-img', args, { stdio: 'pipe' });
  const files: [string, string][] = [['raw', raw]];
  for (const [fmt, opts] of [
    ['qcow2', []],
    ['vmdk', []],
    ['vpc', []],
    ['vhdx', []],
    ['vdi', []],
  ] as [string, string[]][]) {
    const f = path.join(dir, `i.${fmt}`);
    q(['convert', '-f', 'raw', '-O', fmt, ...opts, raw, f]);
    files.push([fmt, f]);
  }
  for (const [label, cmd, args, out] of [
    ['qcow2.gz', 'gzip', ['-k', '-f', '-1'], 'i.qcow2.gz'],
    ['qcow2.xz', 'xz', ['-k', '-f', '-0', '-T1'], 'i.qcow2.xz'],
    ['qcow2.zst', 'zstd', ['-q', '-f', '-1'], 'i.qcow2.zst'],
  ] as [string, string, string[], string][]) {
    execFileSync(cmd, [...args, path.join(dir, 'i.qcow2')]);
    files.push([label, path.join(dir, out)]);
  }
  const result: [string, number][] = [];
  for (const [label, f] of files) {
    const blob = await openAsBlob(f);
    await inspectImage(blob);
    const times: number[] = [];
    for (let i = 0; i < 5; i++) {
      const t = performance.now();
      await inspectImage(blob);
      times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    result.push([label, times[2] ?? 0]);
  }
  return result;
}

interface LinkSpec {
  label: string;
  rateBps: number;
  rttMs: number;
}

/** `200m/20` = 200 Mbit/s with a 20 ms round trip; `1g/5` = 1 Gbit/s, 5 ms. */
function parseLinks(spec: string): LinkSpec[] {
  return spec
    .split(',')
    .filter(Boolean)
    .map((one) => {
      const m = /^(\d+(?:\.\d+)?)([kmg])\/(\d+(?:\.\d+)?)$/i.exec(one.trim());
      if (!m)
        throw new Error(`--links: "${one}" is not <rate><k|m|g>/<round trip ms>, e.g. 200m/20`);
      const unit = { k: 1e3, m: 1e6, g: 1e9 }[m[2].toLowerCase() as 'k' | 'm' | 'g'];
      const rateBps = Number(m[1]) * unit;
      return {
        label: `${m[1]} ${m[2].toUpperCase()}bit/s, ${m[3]} ms RTT`,
        rateBps,
        rttMs: Number(m[3]),
      };
    });
}

interface LinkImage {
  kind: 'sparse' | 'noise' | 'qcow2';
  file: string;
  /** Bytes sent. */
  size: number;
  /** The disk's virtual size. */
  virtual: number;
}

/** Raw, every 64 KiB block of four but one all zeros (written as holes), the rest incompressible. */
function writeSparseRaw(file: string, size: number): void {
  const block = 64 * 1024;
  const fd = openSync(file, 'w');
  try {
    ftruncateSync(fd, size);
    for (let at = 0, i = 0; at < size; at += block, i++) {
      if (i % 4 === 0) writeSync(fd, randomBytes(Math.min(block, size - at)), 0, undefined, at);
    }
  } finally {
    closeSync(fd);
  }
}

function linkImage(dir: string, kind: LinkImage['kind'], size: number): LinkImage {
  const file = path.join(dir, `link-${kind}-${size / MiB}.${kind === 'qcow2' ? 'qcow2' : 'raw'}`);
  if (kind === 'noise') {
    execFileSync('dd', ['if=/dev/urandom', `of=${file}`, 'bs=1M', `count=${size / MiB}`], {
      stdio: 'pipe',
    });
  } else if (kind === 'sparse') {
    writeSparseRaw(file, size);
  } else {
    // A qcow2 carries only its data clusters: made from the sparse raw, it holds no zero block to save.
    const raw = `${file}.raw`;
    writeSparseRaw(raw, size);
    execFileSync('qemu-img', ['convert', '-O', 'qcow2', raw, file], { stdio: 'pipe' });
    rmSync(raw, { force: true });
  }
  return { kind, file, size: statSync(file).size, virtual: size };
}

/** Targets of issue 14: (c)/(a) on the same link. */
function target(kind: LinkImage['kind'], link: LinkSpec): number {
  if (kind !== 'sparse') return 1.1;
  return link.rateBps <= 200e6 ? 0.5 : 0.7;
}

async function linkTable(
  dir: string,
  k: Kube,
  proxy: string,
  backendPort: number,
  pids: CpuPids,
): Promise<string[]> {
  const specs = parseLinks(values.links);
  if (specs.length === 0) return [];
  const size = Number(values['link-mib']) * MiB;
  const kinds = values['link-images'].split(',').filter(Boolean) as LinkImage['kind'][];
  const proxyUrl = new URL(proxy);
  const rows: string[] = [];
  const timelines: string[] = [];
  for (const kind of kinds) {
    const image = linkImage(dir, kind, size);
    for (const spec of specs) {
      const options = { rateBps: spec.rateBps, delayMs: spec.rttMs / 2 };
      const tag = `${kind}-${spec.rateBps / 1e6}m-${size / MiB}`;
      // (a) virtctl-style over the link: the client's link ends at the upload proxy (the Route).
      let link: Link = await startLink(
        { host: proxyUrl.hostname, port: Number(proxyUrl.port) },
        options,
      );
      let a = NaN;
      try {
        a = await direct(
          k,
          `${proxyUrl.protocol}//${link.host}`,
          image.file,
          image.size,
          `bench-la-${tag}`,
          image.virtual,
        );
      } finally {
        await link.close();
      }
      await deleteDv(k, `bench-la-${tag}`);
      // (c) the page over the same link: the link ends at the backend; backend → upload proxy is cluster-side.
      link = await startLink({ host: '127.0.0.1', port: backendPort }, options);
      let c: BrowserRun | undefined;
      resetPeak(pids.backend);
      try {
        c = await viaBrowser(
          `http://${link.host}`,
          image.file,
          image.size,
          `bench-lc-${tag}`,
          image.virtual,
          pids,
        );
        timelines.push(`- ${kind}, ${spec.label}: ${c.timeline}`);
        process.stderr.write(`(c) ${tag}: ${c.timeline}\n`);
      } catch (err) {
        process.stderr.write(`link run ${tag} (c) failed: ${(err as Error).message}\n`);
      } finally {
        await link.close();
      }
      const rss = peakRss(pids.backend);
      await deleteDv(k, `bench-lc-${tag}`);
      const goal = target(kind, spec);
      const ratio = c ? c.ms / a : NaN;
      const sec = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
      rows.push(
        `| ${kind} | ${(image.virtual / MiB).toFixed(0)} MiB (${(image.size / MiB).toFixed(0)} MiB file) | ${spec.label} | ` +
          `${sec(a)} | ${c ? sec(c.ms) : 'failed'} | ${ratio.toFixed(2)} | ≤ ${goal} | ` +
          `${Number.isFinite(ratio) ? (ratio <= goal ? 'met' : `missed by ${(ratio - goal).toFixed(2)}`) : '–'} | ` +
          `${(rss / MiB).toFixed(0)} MiB | ${c ? (c.heapGrowth / MiB).toFixed(1) : '–'} MiB | ` +
          `${c ? (c.zeroBytes / MiB).toFixed(0) : '–'} MiB |`,
      );
      process.stderr.write(`link row: ${rows[rows.length - 1] ?? ''}\n`);
    }
    rmSync(image.file, { force: true });
  }
  return [
    `Shaped links (bench/upload/link.ts: each direction FIFO at the rate, plus half the round trip), client on the near end; (a) virtctl-style single POST to the upload proxy over the link, (c) Chromium through the Uploads page over the same link (the backend and the upload proxy on the cluster side). Targets from issue 14.`,
    '',
    '| image | size | link | (a) direct POST | (c) Chromium via UI | (c)/(a) | target | | backend peak RSS | page JS heap growth | zeros declared, not sent |',
    '|---|---|---|---|---|---|---|---|---|---|---|',
    ...rows,
    '',
    "(c) timelines: phases (s since Start), the page's chunk timeline and CPU seconds per process during the run:",
    '',
    ...timelines,
    '',
  ];
}

async function main(): Promise<void> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'vm-disks-bench-'));
  const sandboxData = path.join(dir, 'sandbox');
  const kubeconfig = path.join(dir, 'kubeconfig');
  const staging = path.join(dir, 'staging');
  await mkdir(staging, { recursive: true });
  try {
    const hash = await hashThroughput();
    const inspect = await inspectionTimes(dir);
    const sandboxProc = startProcess(
      [
        'src/sandbox/main.ts',
        '--listen',
        `127.0.0.1:${SANDBOX_PORT}`,
        '--data',
        sandboxData,
        '--kubeconfig',
        kubeconfig,
        '--reset',
      ],
      { VM_DISKS_SANDBOX_SPEED: '50' },
    );
    await waitFor('sandbox kubeconfig', () =>
      Promise.resolve(existsSync(kubeconfig) ? true : undefined),
    );
    const k = loadKube(kubeconfig);
    const cfg = await waitFor('upload proxy', async () => {
      const c = await kube<{ status?: { uploadProxyURL?: string } }>(
        k,
        'GET',
        '/apis/cdi.kubevirt.io/v1beta1/cdiconfigs/config',
      );
      return c.status?.uploadProxyURL;
    });
    const proxy = /^https?:\/\//.test(cfg) ? cfg : `https://${cfg}`;
    // A private copy of the built plugin and host: other builds of dist/ must not change files under the page.
    cpSync(path.join(ROOT, 'dist'), path.join(dir, 'dist'), { recursive: true });
    cpSync(path.join(ROOT, 'dist-host'), path.join(dir, 'dist-host'), { recursive: true });
    const profDir = values['cpu-prof'] ? path.resolve(values['cpu-prof']) : undefined;
    const nodeArgs = [
      ...(profDir ? ['--cpu-prof', '--cpu-prof-dir', profDir] : []),
      ...(values.tsx ? ['--import', 'tsx'] : []),
    ];
    const backendProc = startProcess(
      [
        values.tsx ? 'src/server/main.ts' : ensureCompiledBackend(),
        '--kubeconfig',
        kubeconfig,
        '--port',
        String(BACKEND_PORT),
        '--staging-dir',
        staging,
        '--dist',
        path.join(dir, 'dist'),
        '--host-dist',
        path.join(dir, 'dist-host'),
      ],
      {},
      nodeArgs,
    );
    const backend = `http://127.0.0.1:${BACKEND_PORT}`;
    await waitFor('backend', async () =>
      (await request(`${backend}/`, {})).status === 200 ? true : undefined,
    );
    const pid = backendProc.pid ?? 0;

    const pids: CpuPids = { backend: pid, sandbox: sandboxProc.pid ?? 0 };
    const linkLines = await linkTable(dir, k, proxy, BACKEND_PORT, pids);
    const rows: string[] = [];
    const timelines: string[] = [];
    for (const size of sizes) {
      const file = path.join(dir, `bench-${size / MiB}.raw`);
      execFileSync('dd', ['if=/dev/urandom', `of=${file}`, 'bs=1M', `count=${size / MiB}`], {
        stdio: 'pipe',
      });
      const tag = `${size / MiB}m`;
      let a = NaN;
      if (runs.has('a')) {
        const cpuBefore = [cpuSeconds(sandboxProc.pid ?? 0), process.cpuUsage()] as const;
        a = await direct(k, proxy, file, size, `bench-a-${tag}`);
        const client = process.cpuUsage(cpuBefore[1]);
        process.stderr.write(
          `(a) ${size / MiB} MiB CPU seconds: sandbox ${(cpuSeconds(sandboxProc.pid ?? 0) - cpuBefore[0]).toFixed(1)}, ` +
            `bench client ${((client.user + client.system) / 1e6).toFixed(1)}\n`,
        );
        await deleteDv(k, `bench-a-${tag}`);
      }
      const idleRss = resetPeak(pid);
      let b = NaN;
      let rssB = 0;
      if (runs.has('b')) {
        const cpuBefore = [
          cpuSeconds(pid),
          cpuSeconds(sandboxProc.pid ?? 0),
          process.cpuUsage(),
        ] as const;
        b = await viaTus(k, backend, file, size, `bench-b-${tag}`);
        const client = process.cpuUsage(cpuBefore[2]);
        process.stderr.write(
          `(b) ${size / MiB} MiB CPU seconds: backend ${(cpuSeconds(pid) - cpuBefore[0]).toFixed(1)}, ` +
            `sandbox ${(cpuSeconds(sandboxProc.pid ?? 0) - cpuBefore[1]).toFixed(1)}, ` +
            `bench client ${((client.user + client.system) / 1e6).toFixed(1)}\n`,
        );
        rssB = peakRss(pid);
        await deleteDv(k, `bench-b-${tag}`);
      }
      let c: BrowserRun | undefined;
      let rssC = 0;
      if (!values['no-browser'] && runs.has('c')) {
        resetPeak(pid);
        try {
          c = await viaBrowser(backend, file, size, `bench-c-${tag}`, size, pids);
          timelines.push(`- ${size / MiB} MiB: ${c.timeline}`);
          process.stderr.write(`(c) ${tag}: ${c.timeline}\n`);
        } catch (err) {
          process.stderr.write(`browser run ${tag} failed: ${(err as Error).message}\n`);
        }
        rssC = peakRss(pid);
        await deleteDv(k, `bench-c-${tag}`);
      }
      const s = (ms: number) => (ms / 1000).toFixed(1);
      const mibs = (ms: number) => (size / MiB / (ms / 1000)).toFixed(0);
      rows.push(
        `| ${size / MiB} MiB | ${s(a)} s (${mibs(a)} MiB/s) | ${s(b)} s (${mibs(b)} MiB/s) | ${(b / a).toFixed(2)} | ` +
          (c
            ? `${s(c.ms)} s (${mibs(c.ms)} MiB/s) | ${(c.ms / a).toFixed(2)} | `
            : 'failed/not run | – | ') +
          `${(Math.max(rssB, rssC) / MiB).toFixed(0)} MiB (idle ${(idleRss / MiB).toFixed(0)}) | ` +
          (c
            ? `${(c.heapGrowth / MiB).toFixed(1)} MiB | ${c.digestMiBs.toFixed(0)} MiB/s | ${c.inspectMs} ms |`
            : '– | – | – |'),
      );
      await rm(file, { force: true });
      process.stderr.write(`row: ${rows[rows.length - 1] ?? ''}\n`);
    }
    const lines = [
      ...linkLines,
      `Machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? '?'}, Node ${process.version}; sandbox and backend in separate processes, loopback; backend: ${values.tsx ? 'tsx src/server/main.ts' : 'node dist-server/main.js (compiled)'}.`,
      '',
      '| size | (a) direct POST to upload proxy | (b) tus from Node | (b)/(a) | (c) Chromium via UI | (c)/(a) | backend peak RSS (idle before the run) | page JS heap growth | chunk read + digest in worker | inspection in worker |',
      '|---|---|---|---|---|---|---|---|---|---|',
      ...rows,
      '',
      ...(timelines.length ? ['(c) timelines:', '', ...timelines, ''] : []),
      `SHA-256 in V8 (Node, same engine as the worker): hash-wasm ${hash.wasm.toFixed(0)} MiB/s; no-WASM fallback ${hash.js.toFixed(0)} MiB/s.`,
      '',
      '| inspection (Node, median of 5, 32 MiB virtual) | ms |',
      '|---|---|',
      ...inspect.map(([f, ms]) => `| ${f} | ${ms.toFixed(1)} |`),
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
  } finally {
    for (const c of children) c.kill('SIGTERM');
    await sleep(1000);
    await rm(dir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  for (const c of children) c.kill('SIGTERM');
  process.stderr.write(`${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});
