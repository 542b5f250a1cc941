import { appendFileSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The simulated node file systems: `${dataDir}/nodes/<node>/` is the node's root. A node path like
 * `/var/hpvolumes/pvc-1` lives at `${dataDir}/nodes/<node>/var/hpvolumes/pvc-1`.
 * SELinux labels (`container_file_t`) applied on a node are listed, one path a line, in
 * `${dataDir}/nodes/<node>/.selinux-labels`.
 */
function nodeRoot(dataDir: string, node: string): string {
  return path.join(dataDir, 'nodes', node);
}

export function nodePath(dataDir: string, node: string, nodeAbsolutePath: string): string {
  const clean = path.posix.normalize(`/${nodeAbsolutePath}`);
  return path.join(nodeRoot(dataDir, node), clean);
}

function labelsFile(dataDir: string, node: string): string {
  return path.join(nodeRoot(dataDir, node), '.selinux-labels');
}

function labelledPaths(dataDir: string, node: string): string[] {
  try {
    return readFileSync(labelsFile(dataDir, node), 'utf8')
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l.length > 0);
  } catch {
    return [];
  }
}

/** Records `chcon -Rt container_file_t <path>` on a node (creates the directory like the units do). */
export function applySelinuxLabel(dataDir: string, node: string, nodeAbsolutePath: string): void {
  const clean = path.posix.normalize(`/${nodeAbsolutePath}`);
  mkdirSync(nodePath(dataDir, node, clean), { recursive: true });
  if (labelledPaths(dataDir, node).includes(clean)) return;
  mkdirSync(nodeRoot(dataDir, node), { recursive: true });
  appendFileSync(labelsFile(dataDir, node), `${clean}\n`);
}

/** A path is labelled when it or one of its parents was relabelled recursively. */
export function isLabelled(dataDir: string, node: string, nodeAbsolutePath: string): boolean {
  const clean = path.posix.normalize(`/${nodeAbsolutePath}`);
  return labelledPaths(dataDir, node).some(
    (p) => clean === p || clean.startsWith(p.endsWith('/') ? p : `${p}/`),
  );
}
