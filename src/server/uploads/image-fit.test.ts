/**
 * The header check of issue 13, break 8 on images made by the real `qemu-img`: the virtual size the first
 * 64 KiB tell (qcow2, VMDK, dynamic VHD, VDI) equals what `qemu-img info` reports, and CDI's usable space
 * (containerized-data-importer pkg/util/util.go GetUsableSpace, default overhead pkg/common/common.go) decides.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, open, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CDI_DEFAULT_FILESYSTEM_OVERHEAD,
  imageFitRefusal,
  SNIFF_BYTES,
  sniffVirtualSize,
} from './image-fit';

const run = promisify(execFile);
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'vm-disks-image-fit-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function head(file: string): Promise<{ head: Buffer; size: number }> {
  const handle = await open(file, 'r');
  try {
    const { size } = await handle.stat();
    const buf = Buffer.alloc(Math.min(SNIFF_BYTES, size));
    await handle.read(buf, 0, buf.length, 0);
    return { head: buf, size };
  } finally {
    await handle.close();
  }
}

describe('sniffVirtualSize', () => {
  it.each(['qcow2', 'vmdk', 'vpc', 'vdi'])(
    '%s: the header tells the virtual size qemu-img reports',
    async (format) => {
      const file = path.join(dir, `five.${format}`);
      await run('qemu-img', ['create', '-q', '-f', format, file, '5G']);
      const { stdout } = await run('qemu-img', ['info', '--output=json', '-f', format, file]);
      const expected = (JSON.parse(stdout) as { 'virtual-size': number })['virtual-size'];
      const { head: bytes, size } = await head(file);
      expect(sniffVirtualSize(bytes, size)).toBe(expected);
    },
  );

  it('a gzip-compressed image tells nothing from its first bytes', async () => {
    const file = path.join(dir, 'c.qcow2');
    await run('qemu-img', ['create', '-q', '-f', 'qcow2', file, '5G']);
    await run('gzip', ['-k', file]);
    const { head: bytes, size } = await head(`${file}.gz`);
    expect(sniffVirtualSize(bytes, size)).toBeNull();
  });

  it('a head shorter than the check needs tells nothing', () => {
    expect(sniffVirtualSize(Buffer.alloc(100), 10 * 1024 * 1024)).toBeNull();
  });

  it('raw: the upload is its own virtual size', () => {
    expect(sniffVirtualSize(Buffer.alloc(SNIFF_BYTES), 3 * 1024 ** 3)).toBe(3 * 1024 ** 3);
  });
});

describe('imageFitRefusal', () => {
  it('names both numbers, and lets an image of exactly the usable size through', () => {
    expect(CDI_DEFAULT_FILESYSTEM_OVERHEAD).toBe(0.06);
    const space = { usable: 1009 * 1024 * 1024, describe: '1Gi Filesystem DataVolume ns/d' };
    const refusal = imageFitRefusal(5 * 1024 ** 3, space, 'header');
    expect(refusal).toContain(String(5 * 1024 ** 3));
    expect(refusal).toContain(String(space.usable));
    expect(imageFitRefusal(space.usable, space, 'declared')).toBeUndefined();
  });
});
