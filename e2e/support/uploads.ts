/**
 * What the upload specs share: images made at test time (the Uploads page is e2e/pages/uploads-page.ts), and the check that a volume's bytes on
 * the sandbox node equal `qemu-img convert -O raw` of the source.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { kubectl } from './cluster';
import { expect } from './fixtures';

export const SANDBOX = path.resolve('test-results/sandbox');
const MiB = 1024 * 1024;

export const run = (cmd: string, args: string[]): string =>
  execFileSync(cmd, args, { stdio: 'pipe' }).toString();

/** The hex SHA-256 of a file as coreutils' `sha256sum` prints it (what a user compares with a vendor's). */
export const sha256sum = (file: string): string => run('sha256sum', [file]).split(' ')[0] ?? '';

/** `mib` MiB of reproducible incompressible bytes. */
export function noise(file: string, mib: number, seed: number): void {
  const buf = Buffer.alloc(mib * MiB);
  let x = seed;
  for (let i = 0; i < buf.length; i += 4) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    buf.writeUInt32LE(x, i);
  }
  writeFileSync(file, buf);
}

interface PvSpec {
  spec: {
    local?: { path: string };
    hostPath?: { path: string };
    volumeMode?: string;
    nodeAffinity: {
      required: { nodeSelectorTerms: { matchExpressions: { values: string[] }[] }[] };
    };
  };
}

/** The file on the sandbox node that holds the claim's bytes: `disk.img` (Filesystem) or the device (Block). */
export function volumeFile(claim: string): string {
  const pvName = kubectl([
    'get',
    'pvc',
    '-n',
    'vm-images',
    claim,
    '-o',
    'jsonpath={.spec.volumeName}',
  ]);
  const pv = JSON.parse(kubectl(['get', 'pv', pvName, '-o', 'json'])) as PvSpec;
  const node =
    pv.spec.nodeAffinity.required.nodeSelectorTerms[0]?.matchExpressions[0]?.values[0] ?? '';
  const where = path.join(
    SANDBOX,
    'nodes',
    node,
    pv.spec.local?.path ?? pv.spec.hostPath?.path ?? '',
  );
  return pv.spec.volumeMode === 'Block' ? where : path.join(where, 'disk.img');
}

/** The claim's bytes equal `source` (in `dir`) converted to raw; for `.xz`, the image kept next to it by `xz -k`. */
export function expectSameImage(
  dir: string,
  source: string,
  claim: string,
  file: string = volumeFile(claim),
): void {
  const expected = path.join(dir, `${claim}.expected.raw`);
  run('qemu-img', ['convert', '-O', 'raw', path.join(dir, source.replace(/\.xz$/, '')), expected]);
  // A block device may be larger than the image: qemu-img compare then requires the rest to be zeros.
  expect(run('qemu-img', ['compare', '-f', 'raw', '-F', 'raw', expected, file])).toMatch(
    /Images are identical/,
  );
}

/**
 * The file that holds a CSI hostpath-provisioner volume's bytes: `<pool path>/csi/<pv>/disk.img` on the PV's
 * node (hostpath-provisioner-operator v0.25 hands the driver `<pool mount>/csi`).
 */
export function csiVolumeFile(claim: string, poolPath: string): string {
  const pvName = kubectl([
    'get',
    'pvc',
    '-n',
    'vm-images',
    claim,
    '-o',
    'jsonpath={.spec.volumeName}',
  ]);
  const pv = JSON.parse(kubectl(['get', 'pv', pvName, '-o', 'json'])) as PvSpec;
  const node =
    pv.spec.nodeAffinity.required.nodeSelectorTerms[0]?.matchExpressions[0]?.values[0] ?? '';
  return path.join(SANDBOX, 'nodes', node, poolPath, 'csi', pvName, 'disk.img');
}
