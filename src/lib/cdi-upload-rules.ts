/**
 * What CDI will accept for one upload, decided before any byte moves: the image (as inspected) against the
 * target volume (new DataVolume, new upload PVC, or an existing upload DataVolume), the name and the size.
 * Every problem carries a code (the UI words it), the cause and the fix in English (the backend's answers).
 * Format/content-type support comes from the CDI matrix (`cdi-matrix.ts`).
 */
import { checkOperation, type Compression as MatrixCompression } from './cdi-matrix';
import type { ImageInspection } from './image-inspection';
import { objectNameError } from './k8s-names';

const MiB = 1024 * 1024;
const GiB = 1024 * MiB;

export type UploadTargetKind = 'new-dv' | 'new-pvc' | 'existing-dv';

export interface UploadTargetInput {
  kind: UploadTargetKind;
  name: string;
  namespace: string;
  /** Requested size in bytes (new targets) or the existing claim's request. */
  sizeBytes: number | null;
  volumeMode: 'Filesystem' | 'Block';
  accessMode: string;
  /** CDI filesystem overhead for the class (e.g. 0.055); ignored for Block. */
  filesystemOverhead: number;
  /** For an existing DataVolume: what the cluster says about it. */
  existing?: {
    found: boolean;
    isUploadSource: boolean;
    phase?: string;
    contentType?: string;
  };
}

export type UploadProblemCode =
  | 'empty-file'
  | 'unknown-size'
  | 'unsupported-compression'
  | 'unsupported-format'
  | 'archive-not-uploadable'
  | 'archive-to-block'
  | 'vmdk-descriptor-only'
  | 'qcow2-backing-file'
  | 'qcow2-encrypted'
  | 'qcow2-corrupt'
  | 'differencing-vhd'
  | 'encrypted-luks'
  | 'invalid-name'
  | 'invalid-size'
  | 'too-small'
  | 'read-only-access'
  | 'existing-not-found'
  | 'existing-not-upload'
  | 'existing-done';

export interface UploadProblem {
  code: UploadProblemCode;
  message: string;
  /** Values the UI interpolates. */
  params: Record<string, string | number>;
}

export interface UploadCheck {
  problems: UploadProblem[];
  /** Whether CDI will write a scratch PVC (`<name>-scratch`) for this upload. */
  needsScratch: boolean;
  /** Bytes the image needs on the target (its virtual size), when known. */
  virtualSize: number | null;
}

/** CDI's usable space of a volume of `size` bytes (Filesystem: minus the overhead, down to 1 MiB). */
export function usableBytes(
  size: number,
  volumeMode: 'Filesystem' | 'Block',
  overhead: number,
): number {
  if (volumeMode === 'Block') return size;
  return Math.floor(Math.ceil((1 - overhead) * size) / MiB) * MiB;
}

/**
 * The size to propose for an image of `virtualSize` bytes: enough for CDI's overhead on Filesystem,
 * rounded up to a whole GiB (or MiB below 1 GiB) so the number reads well.
 */
export function proposedSizeBytes(
  virtualSize: number,
  volumeMode: 'Filesystem' | 'Block',
  overhead: number,
): number {
  const aligned = Math.ceil(Math.max(virtualSize, MiB) / MiB) * MiB;
  const needed = volumeMode === 'Block' ? aligned : Math.ceil(aligned / (1 - overhead));
  const unit = needed >= GiB ? GiB : MiB;
  let size = Math.ceil(needed / unit) * unit;
  while (usableBytes(size, volumeMode, overhead) < virtualSize) size += unit;
  return size;
}

/** `bytes` as a Kubernetes quantity in Gi or Mi. */
export function sizeQuantity(bytes: number): string {
  if (bytes % GiB === 0) return `${bytes / GiB}Gi`;
  return `${Math.ceil(bytes / MiB)}Mi`;
}

function matrixCompression(c: ImageInspection['compression']): MatrixCompression | null {
  if (c === null) return 'none';
  if (c === 'gzip') return 'gz';
  if (c === 'xz') return 'xz';
  if (c === 'zstd') return 'zst';
  return null;
}

const CDI_FORMATS = new Set(['raw', 'iso', 'qcow2', 'vmdk', 'vdi', 'vpc', 'vhdx', 'tar']);

export function checkUpload(image: ImageInspection, target: UploadTargetInput): UploadCheck {
  const problems: UploadProblem[] = [];
  const add = (code: UploadProblemCode, message: string, params: UploadProblem['params'] = {}) => {
    problems.push({ code, message, params });
  };
  const virtualSize = image.virtualSize;

  if (image.empty) {
    add(
      'empty-file',
      'The file is empty (0 bytes): choose the image file itself, not a placeholder.',
    );
  }
  const compression = matrixCompression(image.compression);
  if (compression === null) {
    add(
      'unsupported-compression',
      `CDI cannot unpack ${image.compression ?? ''} files: decompress it, or recompress with gzip or xz.`,
      { compression: image.compression ?? '' },
    );
  }
  if (!CDI_FORMATS.has(image.format)) {
    add(
      'unsupported-format',
      `CDI does not accept ${image.format} images: convert it first (qemu-img convert -O qcow2 ...).`,
      { format: image.format },
    );
  }
  if (image.format === 'luks') {
    add('encrypted-luks', 'The image is LUKS-encrypted: CDI cannot import it; decrypt it first.');
  }
  if (image.vmdkDescriptorOnly) {
    add(
      'vmdk-descriptor-only',
      'This is only a VMDK descriptor: convert the disk to a single file (qemu-img convert -O qcow2).',
    );
  }
  if (image.vhdType === 'differencing') {
    add(
      'differencing-vhd',
      'A differencing VHD needs its parent: merge it into a standalone image.',
    );
  }
  const q = image.qcow2;
  if (q?.backingFile) {
    add(
      'qcow2-backing-file',
      `The qcow2 image has a backing file (${q.backingFile}): CDI refuses it. Flatten it first: ` +
        'qemu-img convert -O qcow2 <image> <flat image>.',
      { backingFile: q.backingFile },
    );
  }
  if (q?.encrypted) {
    add(
      'qcow2-encrypted',
      'The qcow2 image is encrypted: CDI cannot convert it. Write a decrypted copy with qemu-img convert.',
    );
  }
  if (q && (q.corrupt || q.externalDataFile)) {
    add(
      'qcow2-corrupt',
      'The qcow2 image is marked corrupt or keeps its data in an external file: repair or convert it first.',
    );
  }

  let needsScratch = false;
  if (image.format === 'tar') {
    // Upload takes disk images; an archive target is a filesystem to unpack into.
    if (target.volumeMode === 'Block') {
      add(
        'archive-to-block',
        'A tar archive cannot go to a Block volume (it is unpacked into a file system): pick Filesystem.',
      );
    }
    add(
      'archive-not-uploadable',
      'A tar archive is not a disk image: upload the disk image inside it (extract it first).',
    );
  } else if (compression && CDI_FORMATS.has(image.format)) {
    const op = checkOperation({
      contentType: 'kubevirt',
      source: 'upload',
      format: image.format as 'raw',
      compression,
      volumeMode: target.volumeMode,
    });
    needsScratch = op.needsScratch;
    if (!op.supported) {
      add('unsupported-format', `CDI does not accept ${image.format} uploads to this target.`, {
        format: image.format,
      });
    }
  }

  if (target.kind !== 'existing-dv') {
    const nameError = objectNameError(target.name, 'label');
    if (nameError || target.name.length > 63) {
      add(
        'invalid-name',
        `"${target.name}" is not a valid name: ${nameError ?? 'must be no more than 63 characters'}. Use lower-case letters, digits and "-".`,
        { name: target.name, reason: nameError ?? 'must be no more than 63 characters' },
      );
    }
    if (target.accessMode === 'ReadOnlyMany') {
      add(
        'read-only-access',
        'Cannot upload to a read-only volume: choose ReadWriteOnce or ReadWriteMany.',
      );
    }
  } else {
    const e = target.existing;
    if (!e?.found) {
      add('existing-not-found', `DataVolume ${target.name} was not found in ${target.namespace}.`, {
        name: target.name,
      });
    } else if (!e.isUploadSource) {
      add(
        'existing-not-upload',
        `DataVolume ${target.name} does not take uploads (its source is not "upload"): create a new one.`,
        { name: target.name },
      );
    } else if (e.phase === 'Succeeded') {
      add(
        'existing-done',
        `DataVolume ${target.name} already holds an uploaded image: CDI accepts one upload per volume. Create a new DataVolume.`,
        { name: target.name },
      );
    }
  }

  if (target.sizeBytes === null || !(target.sizeBytes > 0)) {
    if (target.kind !== 'existing-dv') add('invalid-size', 'Enter a size, e.g. 10Gi.');
  } else if (target.sizeBytes < MiB && target.kind !== 'existing-dv') {
    add('invalid-size', 'The size must be at least 1Mi.');
  } else if (virtualSize !== null) {
    const usable = usableBytes(target.sizeBytes, target.volumeMode, target.filesystemOverhead);
    if (usable < virtualSize) {
      const need = proposedSizeBytes(virtualSize, target.volumeMode, target.filesystemOverhead);
      add(
        'too-small',
        `The image needs ${virtualSize} bytes but a ${sizeQuantity(target.sizeBytes)} ${target.volumeMode} ` +
          `volume holds ${usable}: use at least ${sizeQuantity(need)}.`,
        { virtualSize, usable, minimum: sizeQuantity(need) },
      );
    }
  }
  return { problems, needsScratch, virtualSize };
}
