/** Format signatures at fixed offsets of an image's first bytes (qemu's and CDI's magic numbers). */
import { ascii, matches, u16le, u32be, u32le, u64be, u64le } from './binary';
import type { Compression, ImageInspection, Qcow2Details } from './types';

export const HEAD_BYTES = 64 * 1024;

export function detectCompression(head: Uint8Array): Compression | null {
  if (matches(head, 0, [0x1f, 0x8b])) return 'gzip';
  if (matches(head, 0, [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00])) return 'xz';
  if (matches(head, 0, [0x28, 0xb5, 0x2f, 0xfd])) return 'zstd';
  if (matches(head, 0, 'BZh') && head.length > 3 && head[3] >= 0x31 && head[3] <= 0x39) {
    return 'bzip2';
  }
  return null;
}

type FormatFields = Pick<
  ImageInspection,
  | 'format'
  | 'virtualSize'
  | 'qcow2'
  | 'partitionTable'
  | 'isoVolumeId'
  | 'vmdkDescriptorOnly'
  | 'vhdType'
>;

/**
 * Whether a qcow2 file ends before its own L1 or refcount table: a truncated copy, which
 * `qemu-img check` reports as corrupt and CDI cannot convert.
 */
function qcow2Truncated(head: Uint8Array, fileSize: number): boolean {
  const clusterBits = u32be(head, 20) ?? 16;
  const l1Size = u32be(head, 36) ?? 0;
  const l1Offset = u64be(head, 40) ?? 0;
  const refcountOffset = u64be(head, 48) ?? 0;
  const refcountClusters = u32be(head, 56) ?? 0;
  return (
    l1Offset + l1Size * 8 > fileSize ||
    refcountOffset + refcountClusters * 2 ** clusterBits > fileSize
  );
}

function qcow2Details(head: Uint8Array): {
  details: Qcow2Details;
  backingAt: number;
  backingLen: number;
} {
  const version = u32be(head, 4) ?? 0;
  const backingAt = u64be(head, 8) ?? 0;
  const backingLen = u32be(head, 16) ?? 0;
  const cryptMethod = u32be(head, 32) ?? 0;
  const incompatible = version >= 3 ? (u64be(head, 72) ?? 0) : 0;
  const headerLength = version >= 3 ? (u32be(head, 100) ?? 72) : 72;
  const compressionByte =
    headerLength > 104 && incompatible & 8 ? (head.length > 104 ? head[104] : 0) : 0;
  let backingFile: string | null = null;
  if (backingAt > 0 && backingLen > 0 && backingAt + backingLen <= head.length) {
    backingFile = new TextDecoder().decode(head.subarray(backingAt, backingAt + backingLen));
  } else if (backingAt > 0) {
    backingFile = '(beyond the inspected header)';
  }
  return {
    details: {
      version,
      clusterBits: u32be(head, 20) ?? 0,
      backingFile,
      cryptMethod,
      encrypted: cryptMethod !== 0,
      compressionType: compressionByte === 1 ? 'zstd' : 'zlib',
      dirty: (incompatible & 1) !== 0,
      corrupt: (incompatible & 2) !== 0,
      externalDataFile: (incompatible & 4) !== 0,
    },
    backingAt,
    backingLen,
  };
}

/**
 * Recognises the format in `head` (the first bytes of the image, decompressed if need be).
 * `size` is the image's size when known (raw and ISO virtual size); `tail` its last 512 bytes when
 * readable (a fixed VHD has its only footer there).
 */
export function detectFormat(
  head: Uint8Array,
  size: number | null,
  tail: Uint8Array | null,
  /** The exact length of the file when it is not compressed (to recognise truncated images). */
  fileSize?: number,
): FormatFields {
  if (matches(head, 0, [0x51, 0x46, 0x49, 0xfb])) {
    const version = u32be(head, 4) ?? 0;
    if (version === 1) return { format: 'qcow', virtualSize: u64be(head, 24) ?? null };
    const { details } = qcow2Details(head);
    if (fileSize !== undefined && qcow2Truncated(head, fileSize)) details.corrupt = true;
    return { format: 'qcow2', virtualSize: u64be(head, 24) ?? null, qcow2: details };
  }
  if (matches(head, 0, 'QED\0')) return { format: 'qed', virtualSize: u64le(head, 40) ?? null };
  if (matches(head, 0, 'KDMV')) {
    const sectors = u64le(head, 12);
    return { format: 'vmdk', virtualSize: sectors === undefined ? null : sectors * 512 };
  }
  if (matches(head, 0, '# Disk DescriptorFile')) {
    return { format: 'vmdk', virtualSize: null, vmdkDescriptorOnly: true };
  }
  if (matches(head, 0, 'conectix')) {
    const diskType = u32be(head, 60);
    return {
      format: 'vpc',
      virtualSize: u64be(head, 48) ?? null,
      vhdType: diskType === 4 ? 'differencing' : 'dynamic',
    };
  }
  if (matches(head, 0, 'vhdxfile')) return { format: 'vhdx', virtualSize: null };
  if (u32le(head, 64) === 0xbeda107f) {
    return { format: 'vdi', virtualSize: u64le(head, 0x170) ?? null };
  }
  if (matches(head, 0, [0x4c, 0x55, 0x4b, 0x53, 0xba, 0xbe])) {
    return { format: 'luks', virtualSize: null };
  }
  if (matches(head, 257, 'ustar')) return { format: 'tar', virtualSize: null };
  if (tail && matches(tail, 0, 'conectix')) {
    // qemu (and so CDI) sizes a fixed VHD by its file length, footer included.
    return { format: 'vpc', virtualSize: size ?? u64be(tail, 48) ?? null, vhdType: 'fixed' };
  }
  for (const at of [0x8001, 0x8801, 0x9001]) {
    if (matches(head, at, 'CD001')) {
      const blocks = u32le(head, 0x8050);
      const blockSize = u16le(head, 0x8080);
      const described = blocks !== undefined && blockSize ? blocks * blockSize : null;
      return {
        format: 'iso',
        virtualSize: size ?? described,
        isoVolumeId: ascii(head, 0x8028, 32).trim(),
      };
    }
  }
  let partitionTable: 'mbr' | 'gpt' | null = null;
  if (matches(head, 512, 'EFI PART') || matches(head, 4096, 'EFI PART')) partitionTable = 'gpt';
  else if (matches(head, 510, [0x55, 0xaa])) partitionTable = 'mbr';
  return { format: 'raw', virtualSize: size, partitionTable };
}
