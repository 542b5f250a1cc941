import { execFileSync } from 'node:child_process';
import { openAsBlob } from 'node:fs';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bytesSource } from './byte-source';
import { inspectImage } from './inspect';
import { makeIso } from './testing/iso9660';
import { luksQcow2 } from './testing/luks';

const dir = mkdtempSync(path.join(tmpdir(), 'inspect-'));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});
const MiB = 1024 * 1024;

function qemuImg(...args: string[]): void {
  execFileSync('qemu-img', args, { stdio: 'pipe' });
}
function qemuInfo(file: string): { 'virtual-size': number; format: string } {
  return JSON.parse(execFileSync('qemu-img', ['info', '--output=json', file]).toString()) as {
    'virtual-size': number;
    format: string;
  };
}
function sh(cmd: string, args: string[]): void {
  execFileSync(cmd, args, { stdio: 'pipe' });
}
const at = (name: string) => path.join(dir, name);
const inspectFile = async (name: string) => inspectImage(await openAsBlob(at(name)));

/** A raw disk with some non-zero content and optionally a partition table signature. */
function rawDisk(name: string, size: number, table?: 'mbr' | 'gpt'): string {
  const buf = Buffer.alloc(size);
  for (let i = 8192; i < Math.min(size, 3 * MiB); i++) buf[i] = (i * 31 + 7) & 0xff;
  if (table) {
    buf[510] = 0x55;
    buf[511] = 0xaa;
    buf[450] = table === 'gpt' ? 0xee : 0x83;
  }
  if (table === 'gpt') buf.write('EFI PART', 512, 'latin1');
  writeFileSync(at(name), buf);
  return at(name);
}

describe('inspectImage on images made by qemu-img', () => {
  it('qcow2 v3: version, virtual size, no backing file, not encrypted, zlib', async () => {
    qemuImg('create', '-f', 'qcow2', at('v3.qcow2'), '3G');
    const info = await inspectFile('v3.qcow2');
    expect(info.format).toBe('qcow2');
    expect(info.virtualSize).toBe(qemuInfo(at('v3.qcow2'))['virtual-size']);
    expect(info.virtualSize).toBe(3 * 1024 * MiB);
    expect(info.qcow2).toMatchObject({
      version: 3,
      backingFile: null,
      encrypted: false,
      compressionType: 'zlib',
      clusterBits: 16,
    });
  });

  it('qcow2 v2 (compat=0.10) and zstd compression type', async () => {
    qemuImg('create', '-f', 'qcow2', '-o', 'compat=0.10', at('v2.qcow2'), '100M');
    expect((await inspectFile('v2.qcow2')).qcow2?.version).toBe(2);
    qemuImg('create', '-f', 'qcow2', '-o', 'compression_type=zstd', at('zstd.qcow2'), '1G');
    const z = await inspectFile('zstd.qcow2');
    expect(z.qcow2?.compressionType).toBe('zstd');
    expect(z.virtualSize).toBe(1024 * MiB);
  });

  it('qcow2 with a backing file names it', async () => {
    qemuImg('create', '-f', 'qcow2', at('base.qcow2'), '64M');
    qemuImg('create', '-f', 'qcow2', '-F', 'qcow2', '-b', at('base.qcow2'), at('overlay.qcow2'));
    const info = await inspectFile('overlay.qcow2');
    expect(info.qcow2?.backingFile).toBe(at('base.qcow2'));
    expect(info.virtualSize).toBe(64 * MiB);
  });

  it('qcow2 encrypted with LUKS reports encryption', async () => {
    // Built from the format, not with qemu-img create, which times its key derivation (testing/luks.ts).
    writeFileSync(at('enc.qcow2'), luksQcow2('password', 32 * MiB));
    const info = await inspectFile('enc.qcow2');
    expect(info.qcow2).toMatchObject({ encrypted: true, cryptMethod: 2 });
  });

  it('vmdk, vdi, vhd (dynamic and fixed), vhdx: format and virtual size as qemu-img reports', async () => {
    rawDisk('src.raw', 6 * MiB, 'mbr');
    const cases: [string, string, string[], string][] = [
      ['d.vmdk', 'vmdk', [], 'vmdk'],
      ['d.vdi', 'vdi', [], 'vdi'],
      ['dyn.vhd', 'vpc', [], 'vpc'],
      ['fixed.vhd', 'vpc', ['-o', 'subformat=fixed'], 'vpc'],
      ['d.vhdx', 'vhdx', [], 'vhdx'],
    ];
    for (const [name, fmt, opts, want] of cases) {
      qemuImg('convert', '-f', 'raw', '-O', fmt, ...opts, at('src.raw'), at(name));
      const info = await inspectFile(name);
      expect(info.format, name).toBe(want);
      expect(info.virtualSize, name).toBe(qemuInfo(at(name))['virtual-size']);
    }
    expect((await inspectFile('fixed.vhd')).vhdType).toBe('fixed');
    expect((await inspectFile('dyn.vhd')).vhdType).toBe('dynamic');
  });

  it('raw: MBR and GPT hints, plain raw, size = file size, odd sizes noted', async () => {
    rawDisk('mbr.raw', 4 * MiB, 'mbr');
    rawDisk('gpt.raw', 4 * MiB, 'gpt');
    qemuImg('create', '-f', 'raw', at('blank.raw'), '5M');
    expect(await inspectFile('mbr.raw')).toMatchObject({
      format: 'raw',
      partitionTable: 'mbr',
      virtualSize: 4 * MiB,
    });
    expect((await inspectFile('gpt.raw')).partitionTable).toBe('gpt');
    expect(await inspectFile('blank.raw')).toMatchObject({ format: 'raw', partitionTable: null });
    writeFileSync(at('odd.raw'), Buffer.alloc(1000, 1));
    expect((await inspectFile('odd.raw')).notes).toEqual([
      {
        code: 'size-not-sector-multiple',
        message: 'The size is not a multiple of 512 bytes; a disk made from it is rounded up.',
        params: { size: 1000 },
      },
    ]);
    expect((await inspectFile('blank.raw')).notes).toEqual([]);
  });

  it('ISO 9660: volume id; qemu-img sees it as raw', async () => {
    writeFileSync(at('boot.iso'), makeIso('FEDORA_TEST', 600));
    const info = await inspectFile('boot.iso');
    expect(info).toMatchObject({
      format: 'iso',
      isoVolumeId: 'FEDORA_TEST',
      virtualSize: 600 * 2048,
    });
    expect(qemuInfo(at('boot.iso')).format).toBe('raw');
  });

  it('tar archives and empty files', async () => {
    rawDisk('inner.raw', MiB);
    sh('tar', ['-C', dir, '-cf', at('a.tar'), 'inner.raw']);
    expect((await inspectFile('a.tar')).format).toBe('tar');
    writeFileSync(at('empty.img'), '');
    expect(await inspectFile('empty.img')).toMatchObject({ empty: true, fileSize: 0 });
  });

  it('gzip, xz and zstd around qcow2, raw and ISO: the inner format and its size', async () => {
    qemuImg('create', '-f', 'qcow2', at('c.qcow2'), '20G');
    rawDisk('c.raw', 3 * MiB, 'gpt');
    writeFileSync(at('c.iso'), makeIso('CINNER', 300));
    for (const base of ['c.qcow2', 'c.raw', 'c.iso']) {
      sh('gzip', ['-k', '-f', at(base)]);
      sh('xz', ['-k', '-f', '-T1', at(base)]);
      sh('zstd', ['-q', '-f', at(base), '-o', at(`${base}.zst`)]);
    }
    for (const [ext, comp] of [
      ['gz', 'gzip'],
      ['xz', 'xz'],
      ['zst', 'zstd'],
    ] as const) {
      const q = await inspectFile(`c.qcow2.${ext}`);
      expect(q, ext).toMatchObject({
        compression: comp,
        format: 'qcow2',
        virtualSize: 20 * 1024 * MiB,
      });
      const r = await inspectFile(`c.raw.${ext}`);
      expect(r, ext).toMatchObject({ compression: comp, format: 'raw', partitionTable: 'gpt' });
      expect(r.uncompressedSize, ext).toBe(3 * MiB);
      expect(r.virtualSize, ext).toBe(3 * MiB);
      const i = await inspectFile(`c.iso.${ext}`);
      expect(i, ext).toMatchObject({ compression: comp, format: 'iso', isoVolumeId: 'CINNER' });
    }
  });

  it('an incompressible xz-wrapped qcow2 larger than the prefix still decodes its header', async () => {
    rawDisk('big.raw', 8 * MiB);
    const noise = Buffer.alloc(8 * MiB);
    for (let i = 0; i < noise.length; i++) noise[i] = (Math.imul(i, 2654435761) >>> 13) & 0xff;
    writeFileSync(at('noise.raw'), noise);
    qemuImg('convert', '-f', 'raw', '-O', 'qcow2', at('noise.raw'), at('noise.qcow2'));
    sh('xz', ['-k', '-f', '-0', at('noise.qcow2')]);
    const info = await inspectFile('noise.qcow2.xz');
    expect(info).toMatchObject({ compression: 'xz', format: 'qcow2', virtualSize: 8 * MiB });
  });

  it('notes are codes with parameters: a gzip stream that cannot be decompressed', async () => {
    // A gzip header followed by bytes that are no deflate stream; its trailer claims ~3.9 GiB.
    const bytes = new Uint8Array(4096);
    bytes.set([0x1f, 0x8b, 0x08, 0x00, 0, 0, 0, 0, 0, 3]);
    for (let i = 10; i < bytes.length; i++) bytes[i] = (i * 7) & 255;
    const info = await inspectImage(bytesSource(bytes));
    expect(info).toMatchObject({ compression: 'gzip', innerReadable: false });
    expect(info.notes.map((n) => [n.code, n.params])).toEqual([
      ['gzip-size-modulo-4gib', {}],
      ['compressed-content-unreadable', { compression: 'gzip' }],
    ]);
    expect(info.notes[1]?.message).toMatch(/^The gzip content could not be decompressed here/);
  });
});
