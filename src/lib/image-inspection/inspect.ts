/**
 * Disk image inspection by content: the compression wrapper (gzip, xz, zstd; bzip2 recognised), the
 * image format inside it (qcow2, raw with MBR/GPT hints, ISO 9660, VMDK, VHD, VHDX, VDI, tar, ...), its
 * virtual size and the qcow2 header facts CDI cares about. Reads at most about 1 MiB of the file.
 */
import { blobSource, type ByteSource } from './byte-source';
import { uncompressedSize } from './compressed-size';
import { decompressPrefix } from './decompress-prefix';
import { detectCompression, detectFormat, HEAD_BYTES } from './detect';
import type { ImageInspection, InspectionNote } from './types';
import { vhdxVirtualSize } from './vhdx';

/** How much compressed input is fed to the decompressor to get the inner header. */
const COMPRESSED_PREFIX_BYTES = 1024 * 1024;

export async function inspectImage(input: ByteSource | Blob): Promise<ImageInspection> {
  const source = input instanceof Blob ? blobSource(input) : input;
  const notes: InspectionNote[] = [];
  if (source.size === 0) {
    return {
      fileSize: 0,
      empty: true,
      compression: null,
      uncompressedSize: null,
      format: 'raw',
      virtualSize: 0,
      partitionTable: null,
      notes,
    };
  }
  const first = await source.read(0, HEAD_BYTES);
  const compression = detectCompression(first);
  if (compression) {
    const unpacked = await uncompressedSize(source, compression, first);
    const head = await decompressPrefix(
      compression,
      source.stream(0, COMPRESSED_PREFIX_BYTES),
      HEAD_BYTES,
    );
    if (compression === 'bzip2') {
      return {
        fileSize: source.size,
        empty: false,
        compression,
        uncompressedSize: null,
        format: 'raw',
        virtualSize: null,
        notes,
      };
    }
    if (unpacked && !unpacked.exact) {
      notes.push({
        code: 'gzip-size-modulo-4gib',
        message: 'gzip records the uncompressed size modulo 4 GiB; check the disk size.',
        params: {},
      });
    }
    if (head.length === 0) {
      notes.push({
        code: 'compressed-content-unreadable',
        message: `The ${compression} content could not be decompressed here, so the image inside is unknown; CDI checks it.`,
        params: { compression },
      });
      return {
        fileSize: source.size,
        empty: false,
        compression,
        uncompressedSize: unpacked?.size ?? null,
        innerReadable: false,
        format: 'raw',
        virtualSize: null,
        notes,
      };
    }
    const detected = detectFormat(head, unpacked?.size ?? null, null);
    return {
      fileSize: source.size,
      empty: false,
      compression,
      uncompressedSize: unpacked?.size ?? null,
      innerReadable: true,
      notes,
      ...detected,
    };
  }

  const tail = source.size >= 512 ? await source.read(source.size - 512, 512) : null;
  const detected = detectFormat(first, source.size, tail, source.size);
  if (detected.format === 'vhdx') detected.virtualSize = await vhdxVirtualSize(source);
  if (
    detected.format === 'qcow2' &&
    detected.qcow2?.backingFile === '(beyond the inspected header)'
  ) {
    // The backing file name lies outside the first 64 KiB: read it where the header points.
    const header = await source.read(0, 24);
    const view = new DataView(header.buffer, header.byteOffset, header.byteLength);
    const at = Number(view.getBigUint64(8, false));
    const len = view.getUint32(16, false);
    detected.qcow2.backingFile = new TextDecoder().decode(
      await source.read(at, Math.min(len, 4096)),
    );
  }
  if (detected.format === 'raw' && source.size % 512 !== 0) {
    notes.push({
      code: 'size-not-sector-multiple',
      message: 'The size is not a multiple of 512 bytes; a disk made from it is rounded up.',
      params: { size: source.size },
    });
  }
  return {
    fileSize: source.size,
    empty: false,
    compression: null,
    uncompressedSize: null,
    notes,
    ...detected,
  };
}
