import { describe, expect, it } from 'vitest';
import {
  checkUpload,
  proposedSizeBytes,
  usableBytes,
  type UploadTargetInput,
} from './cdi-upload-rules';
import type { ImageInspection } from './image-inspection';

const MiB = 1024 * 1024;
const GiB = 1024 * MiB;

const image = (over: Partial<ImageInspection>): ImageInspection => ({
  fileSize: 10 * MiB,
  empty: false,
  compression: null,
  uncompressedSize: null,
  format: 'raw',
  virtualSize: 10 * MiB,
  notes: [],
  ...over,
});
const target = (over: Partial<UploadTargetInput> = {}): UploadTargetInput => ({
  kind: 'new-dv',
  name: 'fedora',
  namespace: 'vm-images',
  sizeBytes: GiB,
  volumeMode: 'Filesystem',
  accessMode: 'ReadWriteOnce',
  filesystemOverhead: 0.055,
  ...over,
});
const codes = (img: ImageInspection, t: UploadTargetInput) =>
  checkUpload(img, t).problems.map((p) => p.code);

describe('checkUpload', () => {
  it('accepts a plain qcow2 that fits, and says it needs scratch space; raw does not', () => {
    const q = checkUpload(
      image({
        format: 'qcow2',
        virtualSize: 512 * MiB,
        qcow2: {
          version: 3,
          clusterBits: 16,
          backingFile: null,
          cryptMethod: 0,
          encrypted: false,
          compressionType: 'zlib',
          dirty: false,
          corrupt: false,
          externalDataFile: false,
        },
      }),
      target(),
    );
    expect(q.problems).toEqual([]);
    expect(q.needsScratch).toBe(true);
    // CDI creates a scratch claim for every upload (the matrix's upload column).
    expect(checkUpload(image({}), target()).needsScratch).toBe(true);
  });

  it('refuses each bad input with a message naming cause and fix', () => {
    const qcow = {
      version: 3,
      clusterBits: 16,
      backingFile: null,
      cryptMethod: 0,
      encrypted: false,
      compressionType: 'zlib' as const,
      dirty: false,
      corrupt: false,
      externalDataFile: false,
    };
    expect(codes(image({ empty: true, fileSize: 0, virtualSize: 0 }), target())).toContain(
      'empty-file',
    );
    expect(
      codes(image({ format: 'qcow2', qcow2: { ...qcow, backingFile: '/b.qcow2' } }), target()),
    ).toContain('qcow2-backing-file');
    expect(
      codes(
        image({ format: 'qcow2', qcow2: { ...qcow, encrypted: true, cryptMethod: 2 } }),
        target(),
      ),
    ).toContain('qcow2-encrypted');
    expect(codes(image({ format: 'tar' }), target({ volumeMode: 'Block' }))).toEqual([
      'archive-to-block',
      'archive-not-uploadable',
    ]);
    expect(codes(image({ format: 'qed' }), target())).toContain('unsupported-format');
    expect(codes(image({ compression: 'bzip2', virtualSize: null }), target())).toContain(
      'unsupported-compression',
    );
    expect(codes(image({}), target({ name: 'Fedora_38' }))).toContain('invalid-name');
    expect(codes(image({}), target({ accessMode: 'ReadOnlyMany' }))).toContain('read-only-access');
    const small = checkUpload(image({ virtualSize: GiB }), target({ sizeBytes: GiB }));
    expect(small.problems[0]?.code).toBe('too-small');
    expect(small.problems[0]?.message).toMatch(/use at least 2Gi/);
    expect(
      codes(
        image({}),
        target({
          kind: 'existing-dv',
          existing: { found: true, isUploadSource: true, phase: 'Succeeded' },
        }),
      ),
    ).toEqual(['existing-done']);
    expect(
      codes(
        image({}),
        target({ kind: 'existing-dv', existing: { found: true, isUploadSource: false } }),
      ),
    ).toEqual(['existing-not-upload']);
  });

  it('a Block volume holds its full size; Filesystem loses the overhead', () => {
    expect(usableBytes(GiB, 'Block', 0.055)).toBe(GiB);
    expect(usableBytes(GiB, 'Filesystem', 0.055)).toBeLessThan(GiB);
    expect(codes(image({ virtualSize: GiB }), target({ volumeMode: 'Block' }))).toEqual([]);
  });

  it('proposes a size whose usable space holds the image', () => {
    for (const v of [1, 5 * MiB, 700 * MiB, GiB, 20 * GiB + 1]) {
      for (const mode of ['Filesystem', 'Block'] as const) {
        const size = proposedSizeBytes(v, mode, 0.06);
        expect(usableBytes(size, mode, 0.06)).toBeGreaterThanOrEqual(v);
      }
    }
    expect(proposedSizeBytes(20 * GiB, 'Filesystem', 0.055)).toBe(22 * GiB);
  });
});
