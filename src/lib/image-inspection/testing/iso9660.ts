/**
 * A minimal but valid ISO 9660 image (system area, primary volume descriptor, terminator, root
 * directory, one file), for tests: there is no mkisofs on the test machines. Test support only.
 */
const BLOCK = 2048;

function bothEndian32(buf: Uint8Array, at: number, value: number): void {
  const v = new DataView(buf.buffer, buf.byteOffset);
  v.setUint32(at, value, true);
  v.setUint32(at + 4, value, false);
}

function bothEndian16(buf: Uint8Array, at: number, value: number): void {
  const v = new DataView(buf.buffer, buf.byteOffset);
  v.setUint16(at, value, true);
  v.setUint16(at + 2, value, false);
}

function text(buf: Uint8Array, at: number, value: string, length: number): void {
  for (let i = 0; i < length; i++) buf[at + i] = i < value.length ? value.charCodeAt(i) : 0x20;
}

function dirRecord(extent: number, size: number, name: Uint8Array, dir: boolean): Uint8Array {
  const len = 33 + name.length + (name.length % 2 === 0 ? 1 : 0);
  const r = new Uint8Array(len);
  r[0] = len;
  bothEndian32(r, 2, extent);
  bothEndian32(r, 10, size);
  r[25] = dir ? 2 : 0;
  bothEndian16(r, 28, 1);
  r[32] = name.length;
  r.set(name, 33);
  return r;
}

/** `blocks` total logical blocks (≥ 21); the file's bytes fill blocks 20.. with a pattern. */
export function makeIso(volumeId: string, blocks: number, seed = 1): Uint8Array {
  const img = new Uint8Array(blocks * BLOCK);
  const pvd = img.subarray(16 * BLOCK, 17 * BLOCK);
  pvd[0] = 1;
  text(pvd, 1, 'CD001', 5);
  pvd[6] = 1;
  text(pvd, 8, 'LINUX', 32);
  text(pvd, 40, volumeId, 32);
  bothEndian32(pvd, 80, blocks);
  bothEndian16(pvd, 120, 1);
  bothEndian16(pvd, 124, 1);
  bothEndian16(pvd, 128, BLOCK);
  const fileBlocks = blocks - 20;
  pvd.set(dirRecord(18, BLOCK, new Uint8Array([0]), true), 156);
  pvd[881] = 1;
  const term = img.subarray(17 * BLOCK, 18 * BLOCK);
  term[0] = 255;
  text(term, 1, 'CD001', 5);
  term[6] = 1;
  const root = img.subarray(18 * BLOCK, 19 * BLOCK);
  let at = 0;
  for (const rec of [
    dirRecord(18, BLOCK, new Uint8Array([0]), true),
    dirRecord(18, BLOCK, new Uint8Array([1]), true),
    dirRecord(20, fileBlocks * BLOCK, new TextEncoder().encode('DATA.BIN;1'), false),
  ]) {
    root.set(rec, at);
    at += rec.length;
  }
  let x = seed >>> 0 || 1;
  for (let i = 20 * BLOCK; i < img.length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    img[i] = x & 0xff;
  }
  return img;
}
