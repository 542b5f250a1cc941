import { openSync, readSync, closeSync, fstatSync } from 'node:fs';

/** Compression and image formats recognised by their magic bytes, as CDI's `filefmt.go` does. */
export type Compression = 'gz' | 'xz' | 'zst' | 'none';

export function detectCompression(head: Buffer): Compression {
  if (head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b) return 'gz';
  if (
    head.length >= 6 &&
    head.subarray(0, 6).equals(Buffer.from([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00]))
  )
    return 'xz';
  if (head.length >= 4 && head.subarray(0, 4).equals(Buffer.from([0x28, 0xb5, 0x2f, 0xfd])))
    return 'zst';
  return 'none';
}

/** qemu-img format names: raw (anything unknown, ISO included), qcow2, vmdk, vdi, vpc (VHD), vhdx; tar. */
export function detectImageFormat(file: string): string {
  const fd = openSync(file, 'r');
  try {
    const head = Buffer.alloc(1024);
    const n = readSync(fd, head, 0, head.length, 0);
    const h = head.subarray(0, n);
    if (h.subarray(0, 4).equals(Buffer.from([0x51, 0x46, 0x49, 0xfb]))) return 'qcow2';
    if (
      h.subarray(0, 4).toString('latin1') === 'KDMV' ||
      h.subarray(0, 20).toString('latin1') === '# Disk DescriptorFil'
    )
      return 'vmdk';
    if (n >= 0x44 && h.readUInt32LE(0x40) === 0xbeda107f) return 'vdi';
    if (h.subarray(0, 8).toString('latin1') === 'vhdxfile') return 'vhdx';
    if (h.subarray(0, 8).toString('latin1') === 'conectix') return 'vpc';
    if (n >= 262 && h.subarray(257, 262).toString('latin1') === 'ustar') return 'tar';
    const size = fstatSync(fd).size;
    if (size >= 512) {
      const foot = Buffer.alloc(8);
      readSync(fd, foot, 0, 8, size - 512);
      if (foot.toString('latin1') === 'conectix') return 'vpc';
    }
    return 'raw';
  } finally {
    closeSync(fd);
  }
}

export const SUPPORTED_FORMATS = ['raw', 'qcow2', 'vmdk', 'vdi', 'vpc', 'vhdx'];
