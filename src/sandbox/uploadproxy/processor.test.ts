import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { detectImageFormat } from './formats';
import { UploadError, spool, validateImage } from './processor';

const dir = mkdtempSync(path.join(tmpdir(), 'upload-processor-'));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

const content = Buffer.from(Array.from({ length: 300_000 }, (_, i) => (i * 13) % 256));
const chunks = (b: Buffer) =>
  Readable.from([b.subarray(0, 3), b.subarray(3, 5000), b.subarray(5000)]);

describe('upload processing', () => {
  it('unwraps gz, xz and zst by their magic bytes', async () => {
    const raw = path.join(dir, 'raw');
    writeFileSync(raw, content);
    const xz = execFileSync('xz', ['-c', raw]);
    const zst = execFileSync('zstd', ['-q', '-c', raw]);
    for (const [want, body] of [
      ['gz', gzipSync(content)],
      ['xz', xz],
      ['zst', zst],
      ['none', content],
    ] as const) {
      const out = path.join(dir, `out-${want}`);
      expect(await spool(chunks(body), out)).toBe(want);
      expect(readFileSync(out).equals(content)).toBe(true);
    }
  });

  it('detects qcow2 and vmdk, validates the virtual size, and refuses backing files', async () => {
    const q = path.join(dir, 'img.qcow2');
    execFileSync('qemu-img', ['create', '-q', '-f', 'qcow2', q, '64M']);
    expect(detectImageFormat(q)).toBe('qcow2');
    const v = path.join(dir, 'img.vmdk');
    execFileSync('qemu-img', ['create', '-q', '-f', 'vmdk', v, '16M']);
    expect(detectImageFormat(v)).toBe('vmdk');
    expect((await validateImage(q, 64 * 1024 * 1024)).virtualSize).toBe(64 * 1024 * 1024);
    await expect(validateImage(q, 32 * 1024 * 1024)).rejects.toMatchObject({ status: 400 });
    const child = path.join(dir, 'child.qcow2');
    execFileSync('qemu-img', ['create', '-q', '-f', 'qcow2', '-b', q, '-F', 'qcow2', child]);
    const err = await validateImage(child, 1024 ** 3).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UploadError);
    expect((err as UploadError).message).toContain('invalid backing file');
  });
});
