/**
 * kill -9 of the backend (and its embedded sandbox: one process) at random points of a wizard-style apply
 * (a list of objects created one after another through the bridge stand-in's kube proxy, as the HPP setup
 * wizard applies its YAML), then restart on the same data and finish the apply the way the wizard resumes
 * (create; AlreadyExists counts as done). Nothing may exist twice, nothing may be missing at the end.
 * Prints a table of the rounds, including acknowledged writes the sandbox lost in the kill.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  markdownTable,
  startBackend,
  type BackendProcess,
} from '../../bench/support/backend-process';
import { browserSession, type BrowserSession } from '../../bench/support/browser-session';

const PORT = Number(process.env.FAULTS_PORT ?? 19030);
const OBJECTS = 40;
const ROUNDS = 3;
let dir: string;
let backend: BackendProcess | undefined;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'vm-disks-faults-kill-'));
});

afterAll(async () => {
  await backend?.kill('SIGKILL');
  await rm(dir, { recursive: true, force: true });
});

function objectsFor(round: number) {
  return Array.from({ length: OBJECTS }, (_, i) => ({
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: {
      name: `apply-r${round}-${String(i).padStart(3, '0')}`,
      labels: { 'faults.vm-disks/round': String(round) },
    },
    data: { step: String(i) },
  }));
}

async function create(base: string, s: BrowserSession, obj: unknown): Promise<number> {
  const res = await fetch(`${base}/api/kubernetes/api/v1/namespaces/default/configmaps`, {
    method: 'POST',
    headers: { ...s.headers, 'content-type': 'application/json' },
    body: JSON.stringify(obj),
  });
  await res.arrayBuffer();
  return res.status;
}

it(`kill -9 during ${ROUNDS} applies of ${OBJECTS} objects, restart, finish: each object exactly once`, async () => {
  const dataDir = path.join(dir, 'sandbox');
  backend = await startBackend({ port: PORT, dataDir });
  const rows: (string | number)[][] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const objects = objectsFor(round);
    const killAfter = 5 + Math.floor(Math.random() * (OBJECTS - 10));
    let s = await browserSession(backend.url);
    let acknowledged = 0;
    // Apply until the kill; the kill lands while the next create is in flight.
    const inFlight: Promise<number>[] = [];
    for (let i = 0; i < OBJECTS; i++) {
      if (i === killAfter) {
        inFlight.push(create(backend.url, s, objects[i]).catch(() => -1));
        await new Promise((r) => setTimeout(r, Math.random() * 20));
        await backend.kill('SIGKILL');
        break;
      }
      expect(await create(backend.url, s, objects[i])).toBe(201);
      acknowledged++;
    }
    await Promise.all(inFlight);
    backend = await startBackend({ port: PORT, dataDir, reset: false });
    // The restarted backend knows no session from before: the old cookie is refused, the page gives a new one.
    expect(await create(backend.url, s, objects[0])).toBe(401);
    s = await browserSession(backend.url);
    // What survived of the acknowledged creates.
    const admin = backend.access.tokens.admin;
    const listNow = async () =>
      (
        (await (
          await fetch(
            `${backend?.access.server}/api/v1/namespaces/default/configmaps?labelSelector=faults.vm-disks/round%3D${round}`,
            { headers: { authorization: `Bearer ${admin}` } },
          )
        ).json()) as { items: { metadata: { name: string } }[] }
      ).items.map((i) => i.metadata.name);
    const survived = await listNow();
    const lost = objects
      .slice(0, acknowledged)
      .filter((o) => !survived.includes(o.metadata.name)).length;
    // Resume: the wizard re-applies every step; AlreadyExists means the step was done.
    let created = 0;
    let existed = 0;
    for (const obj of objects) {
      const status = await create(backend.url, s, obj);
      expect([201, 409]).toContain(status);
      if (status === 201) created++;
      else existed++;
    }
    const names = await listNow();
    expect(names.length).toBe(OBJECTS);
    expect(new Set(names).size).toBe(OBJECTS);
    rows.push([round + 1, killAfter, acknowledged, lost, existed, created, names.length]);
  }
  process.stdout.write(
    `\nkill -9 during apply (${OBJECTS} objects per apply)\n\n` +
      markdownTable(
        [
          'round',
          'killed at step',
          'acknowledged before kill',
          'acknowledged but lost by the sandbox',
          'existing on resume',
          'created on resume',
          'objects at end (each once)',
        ],
        rows,
      ) +
      '\n',
  );
});
