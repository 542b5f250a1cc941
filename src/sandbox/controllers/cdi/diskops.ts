import { execFile } from 'node:child_process';
import { mkdirSync, statSync, truncateSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { parseQuantity } from '../../world/quantity';
import type { VolumeLocation } from '../../world/volumes';
import { DISK_IMAGE } from './annotations';

const run = promisify(execFile);

/** The file that holds a volume's image: `disk.img` in a Filesystem volume, the device file for Block. */
export function imageFile(loc: VolumeLocation): string {
  return loc.block ? loc.hostPath : path.join(loc.hostPath, DISK_IMAGE);
}

/** Makes sure a Block volume's device file exists with the PV's capacity (a sparse file). */
export function ensureDevice(loc: VolumeLocation): void {
  if (!loc.block) {
    mkdirSync(loc.hostPath, { recursive: true });
    return;
  }
  mkdirSync(path.dirname(loc.hostPath), { recursive: true });
  const size = parseQuantity(loc.capacity) ?? 0;
  if (!existsSync(loc.hostPath)) writeFileSync(loc.hostPath, '');
  if (statSync(loc.hostPath).size < size) truncateSync(loc.hostPath, size);
}

/** `qemu-img create -f raw`: a sparse image of `size` bytes (Filesystem), or nothing to do on Block. */
export async function createBlankImage(loc: VolumeLocation, size: number): Promise<void> {
  ensureDevice(loc);
  if (loc.block) return;
  await run('qemu-img', ['create', '-f', 'raw', imageFile(loc), String(size)]);
}

/** Host-assisted clone: copies the source image into the target, keeping holes, then grows it. */
export async function copyImage(
  src: VolumeLocation,
  dst: VolumeLocation,
  targetSize: number,
): Promise<void> {
  ensureDevice(dst);
  const from = imageFile(src);
  const to = imageFile(dst);
  if (dst.block) {
    await run('qemu-img', ['convert', '-n', '-f', 'raw', '-O', 'raw', from, to]);
    return;
  }
  await run('cp', ['--sparse=always', from, to]);
  if (statSync(to).size < targetSize) truncateSync(to, targetSize);
}

/** `qemu-img info --output=json` of a file. */
export async function imageInfo(
  file: string,
  format?: string,
): Promise<{ format: string; virtualSize: number; backingFile?: string; encrypted?: boolean }> {
  const args = ['info', '--output=json'];
  if (format) args.push('-f', format);
  args.push(file);
  const { stdout } = await run('qemu-img', args, { maxBuffer: 4 * 1024 * 1024 });
  const info = JSON.parse(stdout) as {
    format: string;
    'virtual-size': number;
    'backing-filename'?: string;
    encrypted?: boolean;
  };
  return {
    format: info.format,
    virtualSize: info['virtual-size'],
    backingFile: info['backing-filename'],
    encrypted: info.encrypted,
  };
}

export async function convertToRaw(
  src: string,
  format: string,
  dst: string,
  block: boolean,
): Promise<void> {
  const args = ['convert', '-t', 'writeback', '-p', '-f', format, '-O', 'raw'];
  if (block) args.push('-n');
  args.push(src, dst);
  await run('qemu-img', args, { maxBuffer: 16 * 1024 * 1024 });
}

export async function resizeImage(file: string, size: number): Promise<void> {
  if (statSync(file).size < size) truncateSync(file, size);
  await Promise.resolve();
}
