/**
 * Bad disk images as users pick them: made with the real qemu-img (and tar), read from disk as the browser
 * reads the File, through the same inspection and CDI rules the upload page runs before any byte moves.
 * Each case must end in a specific problem code (never a silent "looks fine").
 */
import { execFile } from 'node:child_process';
import { mkdtemp, open, readFile, rm, truncate, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkUpload, type UploadTargetInput } from '../../src/lib/cdi-upload-rules';
import { bytesSource, inspectImage } from '../../src/lib/image-inspection';
import { luksQcow2, luksVolume } from '../../src/lib/image-inspection/testing/luks';

const run = promisify(execFile);
const MiB = 1024 * 1024;
const GiB = 1024 * MiB;
let dir: string;

const target = (over: Partial<UploadTargetInput> = {}): UploadTargetInput => ({
  kind: 'new-dv',
  name: 'bad-input',
  namespace: 'vm-images',
  sizeBytes: GiB,
  volumeMode: 'Filesystem',
  accessMode: 'ReadWriteOnce',
  filesystemOverhead: 0.055,
  ...over,
});

async function problemsOf(file: string, t: UploadTargetInput = target()): Promise<string[]> {
  const bytes = new Uint8Array(await readFile(file));
  const image = await inspectImage(bytesSource(bytes));
  return checkUpload(image, t).problems.map((p) => p.code);
}

const file = (name: string) => path.join(dir, name);

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'vm-disks-bad-images-'));
  // A good small qcow2 to derive the broken ones from.
  await run('qemu-img', ['create', '-q', '-f', 'qcow2', file('good.qcow2'), '64M']);
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('disk images CDI refuses are refused before upload, each with its own reason', () => {
  it('accepts the good qcow2 (the corpus is not refusing everything)', async () => {
    expect(await problemsOf(file('good.qcow2'))).toEqual([]);
  });

  it('0-byte file → empty-file', async () => {
    await writeFile(file('empty.qcow2'), '');
    expect(await problemsOf(file('empty.qcow2'))).toContain('empty-file');
  });

  it('qcow2 with a backing file → qcow2-backing-file', async () => {
    await run('qemu-img', [
      'create',
      '-q',
      '-f',
      'qcow2',
      '-F',
      'qcow2',
      '-b',
      file('good.qcow2'),
      file('overlay.qcow2'),
    ]);
    expect(await problemsOf(file('overlay.qcow2'))).toContain('qcow2-backing-file');
  });

  // Both LUKS fixtures are built from the on-disk formats (testing/luks.ts): `qemu-img create` times
  // its key derivation against the CPU clock and fails on a loaded machine.
  it('encrypted qcow2 (LUKS inside qcow2) → qcow2-encrypted', async () => {
    await writeFile(file('encrypted.qcow2'), luksQcow2('quality-passphrase', 64 * MiB));
    expect(await problemsOf(file('encrypted.qcow2'))).toContain('qcow2-encrypted');
  });

  it('raw LUKS volume → encrypted-luks', async () => {
    await writeFile(file('volume.luks.qcow2'), luksVolume('quality-passphrase', 16 * MiB));
    expect(await problemsOf(file('volume.luks.qcow2'))).toContain('encrypted-luks');
  });

  it('qcow2 marked corrupt (incompatible feature bit 1) → qcow2-corrupt', async () => {
    const bytes = await readFile(file('good.qcow2'));
    // Version 3 header: incompatible_features at offset 72 (u64 BE); bit 1 = corrupt.
    bytes.writeUInt8(bytes.readUInt8(79) | 0b10, 79);
    await writeFile(file('corrupt.qcow2'), bytes);
    expect(await problemsOf(file('corrupt.qcow2'))).toContain('qcow2-corrupt');
  });

  it('qcow2 larger than the disk → too-small', async () => {
    await run('qemu-img', ['create', '-q', '-f', 'qcow2', file('big.qcow2'), '20G']);
    expect(await problemsOf(file('big.qcow2'), target({ sizeBytes: 10 * GiB }))).toContain(
      'too-small',
    );
  });

  it('tar archive to a Block volume → archive-to-block', async () => {
    await writeFile(file('payload.txt'), 'hello\n');
    await run('tar', ['-cf', file('archive.tar'), '-C', dir, 'payload.txt']);
    expect(await problemsOf(file('archive.tar'), target({ volumeMode: 'Block' }))).toContain(
      'archive-to-block',
    );
  });

  it('VMDK descriptor without its extent → vmdk-descriptor-only', async () => {
    await run('qemu-img', [
      'create',
      '-q',
      '-f',
      'vmdk',
      '-o',
      'subformat=monolithicFlat',
      file('split.vmdk'),
      '16M',
    ]);
    expect(await problemsOf(file('split.vmdk'))).toContain('vmdk-descriptor-only');
  });

  it('differencing VHD → differencing-vhd', async () => {
    // qemu-img cannot write differencing VHDs; forge the footer's disk type (3) on a dynamic one.
    await run('qemu-img', ['create', '-q', '-f', 'vpc', file('diff.vhd'), '16M']);
    const bytes = await readFile(file('diff.vhd'));
    const footer = bytes.subarray(0, 512);
    footer.writeUInt32BE(4, 60); // disk type 4 = differencing
    let sum = 0;
    footer.writeUInt32BE(0, 64);
    for (const b of footer) sum = (sum + b) >>> 0;
    footer.writeUInt32BE(~sum >>> 0, 64);
    await writeFile(file('diff.vhd'), bytes);
    expect(await problemsOf(file('diff.vhd'))).toContain('differencing-vhd');
  });

  it('a text file renamed .qcow2 is not taken for a qcow2 (content decides, and it is flagged)', async () => {
    await writeFile(file('notes.qcow2'), 'these are my notes, not a disk image\n'.repeat(100));
    const bytes = new Uint8Array(await readFile(file('notes.qcow2')));
    const image = await inspectImage(bytesSource(bytes));
    expect(image.format).not.toBe('qcow2');
    // Not a whole number of 512-byte sectors: the inspection says so (raw is what CDI would make of it).
    expect(image.notes.length).toBeGreaterThan(0);
  });

  it('truncated qcow2 (header intact, tables cut off) is not passed as a sound qcow2', async () => {
    await run('qemu-img', [
      'create',
      '-q',
      '-f',
      'qcow2',
      '-o',
      'preallocation=metadata',
      file('full.qcow2'),
      '64M',
    ]);
    const handle = await open(file('full.qcow2'), 'r');
    const { size } = await handle.stat();
    await handle.close();
    await writeFile(file('truncated.qcow2'), await readFile(file('full.qcow2')));
    await truncate(
      file('truncated.qcow2'),
      Math.floor(size / 2) > 4096 ? 4096 : Math.floor(size / 2),
    );
    await expect(run('qemu-img', ['check', file('truncated.qcow2')])).rejects.toThrow();
    expect(await problemsOf(file('truncated.qcow2'))).toContain('qcow2-corrupt');
  });
});
