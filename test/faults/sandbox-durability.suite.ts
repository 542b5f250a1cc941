/**
 * kill -9 of the sandbox process (`src/sandbox/main.ts`) in the middle of a burst of creates, updates
 * and deletes from several concurrent clients, restart on the same data: every change the API
 * acknowledged must be there (same data, same resourceVersion; deletes stay deleted) and the
 * resourceVersion sequence continues after the largest acknowledged one. Changes in flight at the
 * kill may land or not. Also prints the write throughput (no timing assertions).
 *
 * `SANDBOX_ROOT=<checkout>` runs another tree's sandbox (for before/after measurements).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { markdownTable } from '../../bench/support/backend-process';
import { startSandboxProcess, type SandboxProcess } from './sandbox-process';

const PORT = Number(process.env.FAULTS_SANDBOX_PORT ?? 19410);
const ROOT = process.env.SANDBOX_ROOT;
const ROUNDS = 3;
const WORKERS = 8;
const LABEL = 'faults.vm-disks/durability';
let dir: string;
let sandbox: SandboxProcess | undefined;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'vm-disks-faults-durability-'));
});

afterAll(async () => {
  await sandbox?.kill('SIGKILL');
  await rm(dir, { recursive: true, force: true });
});

interface CmBody {
  metadata: { name: string; resourceVersion: string };
  data?: Record<string, string>;
}

/** What the clients know about one ConfigMap: its last acknowledged state. */
interface Known {
  exists: boolean;
  v?: string;
  rv?: string;
}

/** An operation sent but not answered when the process died: its effect may or may not be there. */
interface InFlight {
  name: string;
  after: Known;
}

const cmPath = (name?: string) => `/api/v1/namespaces/default/configmaps${name ? `/${name}` : ''}`;

function client(base: string, token: string) {
  return async (method: string, p: string, body?: unknown, type = 'application/json') => {
    const res = await fetch(`${base}${p}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'content-type': type }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : {}) as CmBody };
  };
}

async function listRound(s: SandboxProcess, round: number) {
  const selector = encodeURIComponent(`${LABEL}=${String(round)}`);
  const res = await fetch(`${s.url}${cmPath()}?labelSelector=${selector}`, {
    headers: { authorization: `Bearer ${s.tokens.admin}` },
  });
  const list = (await res.json()) as { metadata: { resourceVersion: string }; items: CmBody[] };
  return {
    listRv: Number(list.metadata.resourceVersion),
    byName: new Map(list.items.map((i) => [i.metadata.name, i])),
  };
}

it(`kill -9 during ${String(ROUNDS)} bursts of writes from ${String(WORKERS)} clients: every acknowledged change survives`, async () => {
  const dataDir = path.join(dir, 'kill');
  sandbox = await startSandboxProcess({ port: PORT, dataDir, reset: true, root: ROOT });
  const rows: (string | number)[][] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const s = sandbox;
    const call = client(s.url, s.tokens.admin);
    const known = new Map<string, Known>();
    const inFlight: InFlight[] = [];
    let acked = 0;
    let maxAckedRv = 0;
    const killAt = 150 + Math.floor(Math.random() * 250);
    let killed: Promise<void> | undefined;
    const isKilled = () => killed !== undefined;
    const ack = (name: string, k: Known) => {
      known.set(name, k);
      acked++;
      if (k.rv) maxAckedRv = Math.max(maxAckedRv, Number(k.rv));
      // Kill right after an acknowledgment, with the other clients' requests in flight.
      if (acked >= killAt) killed ??= s.kill('SIGKILL');
    };
    const worker = async (w: number) => {
      const mine: string[] = [];
      for (let i = 0; !isKilled(); i++) {
        const r = Math.random();
        const live = mine.filter((n) => known.get(n)?.exists);
        const target = live[Math.floor(Math.random() * live.length)];
        let name: string;
        let after: Known;
        let send: () => Promise<{ status: number; body: CmBody }>;
        if (target && r < 0.35) {
          name = target;
          const v = `w${String(w)}-u${String(i)}`;
          after = { exists: true, v };
          send = () => call('PATCH', cmPath(name), { data: { v } }, 'application/merge-patch+json');
        } else if (target && r < 0.5) {
          name = target;
          after = { exists: false };
          send = () => call('DELETE', cmPath(name));
        } else {
          name = `dur-r${String(round)}-w${String(w)}-${String(i)}`;
          mine.push(name);
          const v = `w${String(w)}-c${String(i)}`;
          after = { exists: true, v };
          send = () =>
            call('POST', cmPath(), {
              apiVersion: 'v1',
              kind: 'ConfigMap',
              metadata: { name, labels: { [LABEL]: String(round) } },
              data: { v },
            });
        }
        const flight: InFlight = { name, after };
        inFlight.push(flight);
        let res: { status: number; body: CmBody };
        try {
          res = await send();
        } catch {
          return; // the process died with this request in flight
        }
        if (res.status >= 500 && isKilled()) return;
        expect(res.status, JSON.stringify(res.body)).toBeLessThan(300);
        inFlight.splice(inFlight.indexOf(flight), 1);
        ack(name, after.exists ? { ...after, rv: res.body.metadata.resourceVersion } : after);
      }
    };
    const started = Date.now();
    await Promise.all(Array.from({ length: WORKERS }, (_, w) => worker(w)));
    await killed;
    const seconds = (Date.now() - started) / 1000;

    sandbox = await startSandboxProcess({ port: PORT, dataDir, root: ROOT });
    const { byName, listRv } = await listRound(sandbox, round);
    const uncertain = new Map(inFlight.map((f) => [f.name, f.after]));
    let lost = 0;
    let landed = 0;
    const matches = (k: Known | undefined, got: CmBody | undefined, exact: boolean) =>
      !k || !k.exists
        ? got === undefined
        : got?.data?.v === k.v && (!exact || got.metadata.resourceVersion === k.rv);
    for (const [name, k] of known) {
      const got = byName.get(name);
      const maybe = uncertain.get(name);
      if (matches(k, got, true)) continue;
      if (maybe && matches(maybe, got, false)) {
        landed++;
        continue;
      }
      lost++;
    }
    for (const [name, maybe] of uncertain) {
      if (known.has(name)) continue;
      if (byName.has(name)) {
        expect(matches(maybe, byName.get(name), false)).toBe(true);
        landed++;
      }
    }
    const unexpected = [...byName.keys()].filter((n) => !known.has(n) && !uncertain.has(n));
    expect(unexpected).toEqual([]);
    expect(lost).toBe(0);
    // The resourceVersion sequence continues after every acknowledged change.
    expect(listRv).toBeGreaterThanOrEqual(maxAckedRv);
    const after = await client(sandbox.url, sandbox.tokens.admin)('POST', cmPath(), {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: `dur-r${String(round)}-after` },
    });
    expect(after.status).toBe(201);
    expect(Number(after.body.metadata.resourceVersion)).toBeGreaterThan(maxAckedRv);
    rows.push([
      round + 1,
      acked,
      (acked / seconds).toFixed(0),
      inFlight.length,
      landed,
      lost,
      maxAckedRv,
      after.body.metadata.resourceVersion,
    ]);
  }
  process.stdout.write(
    `\nkill -9 of the sandbox during a burst of writes (${String(WORKERS)} clients)\n\n` +
      markdownTable(
        [
          'round',
          'acknowledged writes before kill',
          'writes/s',
          'in flight at kill',
          'in-flight writes that landed',
          'acknowledged but lost',
          'largest acknowledged rv',
          'rv of first write after restart',
        ],
        rows,
      ) +
      '\n',
  );
});

it('write throughput of the sandbox (printed, not asserted)', async () => {
  await sandbox?.kill('SIGKILL');
  const dataDir = path.join(dir, 'throughput');
  sandbox = await startSandboxProcess({ port: PORT, dataDir, reset: true, root: ROOT });
  const call = client(sandbox.url, sandbox.tokens.admin);
  const rows: (string | number)[][] = [];
  const measure = async (
    label: string,
    count: number,
    concurrency: number,
    op: (i: number) => Promise<{ status: number }>,
  ) => {
    let next = 0;
    const started = process.hrtime.bigint();
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        for (let i = next++; i < count; i = next++) expect((await op(i)).status).toBeLessThan(300);
      }),
    );
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    rows.push([label, count, concurrency, ms.toFixed(0), ((count * 1000) / ms).toFixed(0)]);
  };
  const body = (name: string) => ({
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name, labels: { [LABEL]: 'throughput' } },
    data: { v: 'x'.repeat(200) },
  });
  await measure('create, one client', 300, 1, (i) =>
    call('POST', cmPath(), body(`seq-${String(i)}`)),
  );
  await measure('create, 16 clients', 1000, 16, (i) =>
    call('POST', cmPath(), body(`par-${String(i)}`)),
  );
  await measure('merge patch, 16 clients', 1000, 16, (i) =>
    call('PATCH', cmPath(`par-${String(i)}`), { data: { v: 'y' } }, 'application/merge-patch+json'),
  );
  await measure('delete, 16 clients', 1000, 16, (i) => call('DELETE', cmPath(`par-${String(i)}`)));
  process.stdout.write(
    `\nsandbox write throughput (${ROOT ? `tree ${ROOT}` : 'this tree'})\n\n` +
      markdownTable(['operation', 'writes', 'clients', 'ms', 'writes/s'], rows) +
      '\n',
  );
});
