/**
 * "Every existing object and byte intact": a snapshot of the objects a user flow can touch (uid and a digest
 * of metadata without resourceVersion/managedFields, spec and data: controllers update status all the time,
 * which is not a change by the user) and of every file under the sandbox's node file systems but upload spools (size and, for files up
 * to 8 MiB, a SHA-256; larger sparse disks by size and mtime), taken as the admin straight from the sandbox.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Stack } from './stack';

const TRACKED = [
  '/api/v1/namespaces',
  '/api/v1/persistentvolumes',
  '/api/v1/persistentvolumeclaims',
  '/api/v1/configmaps',
  '/apis/storage.k8s.io/v1/storageclasses',
  '/apis/cdi.kubevirt.io/v1beta1/datavolumes',
  '/apis/kubevirt.io/v1/virtualmachines',
  '/apis/hostpathprovisioner.kubevirt.io/v1beta1/hostpathprovisioners',
  '/apis/machineconfiguration.openshift.io/v1/machineconfigs',
];

export type Snapshot = Map<string, string>;

async function filesUnder(dir: string, out: Snapshot): Promise<void> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) await filesUnder(full, out);
    // The upload server's spool of an in-flight POST (CDI writes it to scratch space; the sandbox's
    // `uploadproxy/server.ts` names it tmpimage-<ms>) is not stored data: the CDI leg reopens its POST, with a
    // new spool, whenever the browser's chunk is rolled back or the leg ended while idle (`forwarder.ts`).
    else if (entry.isFile() && !entry.name.startsWith('tmpimage-')) {
      const s = await stat(full);
      const digest =
        s.size <= 8 * 1024 * 1024
          ? createHash('sha256')
              .update(await readFile(full))
              .digest('hex')
          : `mtime ${s.mtimeMs}`;
      out.set(`file ${full}`, `${s.size} ${digest}`);
    }
  }
}

export async function snapshot(stack: Stack): Promise<Snapshot> {
  const out: Snapshot = new Map();
  for (const list of TRACKED) {
    const res = await fetch(`${stack.sandbox.url}${list}`, {
      headers: { authorization: `Bearer ${stack.sandbox.adminToken}` },
    });
    if (!res.ok) throw new Error(`snapshot: GET ${list} → ${res.status}`);
    const body = (await res.json()) as {
      items: ({
        metadata: Record<string, unknown> & { namespace?: string; name: string; uid: string };
      } & Record<string, unknown>)[];
    };
    for (const item of body.items) {
      const m = item.metadata;
      const meta: Record<string, unknown> = { ...m };
      delete meta.resourceVersion;
      delete meta.managedFields;
      const rest: Record<string, unknown> = { ...item };
      delete rest.status;
      delete rest.metadata;
      const digest = createHash('sha256')
        .update(JSON.stringify({ meta, rest }))
        .digest('hex')
        .slice(0, 16);
      out.set(`${list} ${m.namespace ?? ''}/${m.name}`, `${m.uid} ${digest}`);
    }
  }
  await filesUnder(path.join(stack.clusterDataDir, 'nodes'), out);
  return out;
}

/** What changed between two snapshots, as readable lines (empty when nothing did). */
export function differences(before: Snapshot, after: Snapshot): string[] {
  const lines: string[] = [];
  for (const [key, value] of before) {
    const now = after.get(key);
    if (now === undefined) lines.push(`gone: ${key}`);
    else if (now !== value) lines.push(`changed: ${key} (${value} → ${now})`);
  }
  for (const key of after.keys()) if (!before.has(key)) lines.push(`new: ${key}`);
  return lines;
}
