/**
 * Whether a disk image can fit its upload target, decided before the bytes are staged (issue 13, break 8):
 * a 5 GiB image into a 1 GiB DataVolume is refused at creation when the page declared the image's virtual size,
 * else on the first chunk, whose header tells it (qcow2, VMDK, dynamic VHD, VDI, QED; raw and ISO are their
 * own length). CDI makes the same check only after the whole image reached it ("virtual image size … is larger
 * than the reported available storage … A larger PVC is required", containerized-data-importer
 * pkg/image/qemu.go); the target's usable space follows CDI:
 *
 * - a claim's request (`spec.pvc` DataVolume, upload PVC) on Filesystem loses CDI's filesystem overhead:
 *   usable = ⌈(1 − overhead) × size⌉ down to 1 MiB (pkg/util/util.go GetUsableSpace); Block keeps the size;
 * - a `spec.storage` DataVolume has its request inflated by CDI for that overhead (pkg/controller/common/util.go
 *   GetRequiredSpace), so the image may be as large as the request;
 * - the overhead is CDIConfig `status.filesystemOverhead` (per storage class, else global), else CDI's default
 *   `DefaultGlobalOverhead = "0.06"` (pkg/common/common.go; "0.055" before v1.63).
 */
import { detectCompression, detectFormat, HEAD_BYTES } from '../../lib/image-inspection/detect';
import { usableBytes } from '../../lib/cdi-upload-rules';
import { bytesOf } from '../../lib/quantity';
import { KubeApiError, type KubeClient } from '../api/kube-client';
import type { Identity } from '../kube-target';
import type { UploadTargetKind } from './session-types';

/** CDI's built-in global filesystem overhead (containerized-data-importer pkg/common/common.go, v1.63+). */
export const CDI_DEFAULT_FILESYSTEM_OVERHEAD = 0.06;

/** Bytes of an upload's start the header check looks at (the image-inspection head). */
export const SNIFF_BYTES = HEAD_BYTES;

export interface TargetSpace {
  /** The request as written on the target, in bytes. */
  requestBytes: number;
  volumeMode: 'Filesystem' | 'Block';
  /** Bytes CDI will let the image have. */
  usable: number;
  /** How the target was read, for messages: e.g. `1Gi Filesystem DataVolume vm-images/disk`. */
  describe: string;
}

interface ClaimSpecLike {
  volumeMode?: string;
  storageClassName?: string;
  resources?: { requests?: { storage?: string } };
}
export interface TargetObjectLike {
  spec?: ClaimSpecLike & { pvc?: ClaimSpecLike; storage?: ClaimSpecLike };
}

/** CDI's filesystem overhead for a storage class, from CDIConfig status as the user (else CDI's default). */
export async function filesystemOverheadOf(
  kube: KubeClient,
  user: Identity,
  storageClassName: string | undefined,
): Promise<number> {
  try {
    const { body } = await kube.request<{
      status?: { filesystemOverhead?: { global?: string; storageClass?: Record<string, string> } };
    }>(user, { method: 'GET', path: '/apis/cdi.kubevirt.io/v1beta1/cdiconfigs/config' });
    const o = body.status?.filesystemOverhead;
    const value = Number(
      (storageClassName ? o?.storageClass?.[storageClassName] : undefined) ?? o?.global,
    );
    if (Number.isFinite(value) && value >= 0 && value < 1) return value;
  } catch (err) {
    if (!(err instanceof KubeApiError)) throw err;
  }
  return CDI_DEFAULT_FILESYSTEM_OVERHEAD;
}

/** The target's usable space, or undefined when its size cannot be read (then CDI decides alone). */
export async function targetSpaceOf(
  kube: KubeClient,
  user: Identity,
  target: { kind: UploadTargetKind; namespace: string; name: string; object: TargetObjectLike },
): Promise<TargetSpace | undefined> {
  const spec = target.object.spec ?? {};
  const claim = target.kind === 'new-pvc' ? spec : (spec.pvc ?? spec.storage);
  const request = claim?.resources?.requests?.storage;
  const requestBytes = Number(bytesOf(request) ?? 0n);
  if (!request || !(requestBytes > 0) || !Number.isSafeInteger(requestBytes)) return undefined;
  const what = `${target.kind === 'new-pvc' ? 'PersistentVolumeClaim' : 'DataVolume'} ${target.namespace}/${target.name}`;
  if (target.kind !== 'new-pvc' && !spec.pvc) {
    // spec.storage: CDI inflates the claim for the overhead; the volume mode may come from the StorageProfile.
    return {
      requestBytes,
      volumeMode: claim.volumeMode === 'Block' ? 'Block' : 'Filesystem',
      usable: requestBytes,
      describe: `${request} ${what} (spec.storage)`,
    };
  }
  const volumeMode = claim.volumeMode === 'Block' ? 'Block' : 'Filesystem';
  const overhead =
    volumeMode === 'Block' ? 0 : await filesystemOverheadOf(kube, user, claim.storageClassName);
  return {
    requestBytes,
    volumeMode,
    usable: usableBytes(requestBytes, volumeMode, overhead),
    describe:
      volumeMode === 'Block'
        ? `${request} Block ${what}`
        : `${request} Filesystem ${what}, less CDI's filesystem overhead ${overhead}`,
  };
}

/**
 * The virtual size an upload's first bytes tell, or null when they cannot (compressed, VHDX, tar, too
 * short). `uploadLength` is the whole upload's length (raw and ISO images are as large as the file).
 */
export function sniffVirtualSize(head: Uint8Array, uploadLength: number): number | null {
  if (head.length < Math.min(SNIFF_BYTES, uploadLength)) return null;
  if (detectCompression(head)) return null;
  const detected = detectFormat(head, uploadLength, null, uploadLength);
  switch (detected.format) {
    case 'qcow2':
    case 'vmdk':
    case 'vdi':
    case 'qed':
    case 'raw':
    case 'iso':
      return detected.virtualSize;
    case 'vpc':
      return detected.vhdType === 'dynamic' ? detected.virtualSize : null;
    default:
      return null;
  }
}

/** The refusal (both numbers and the fix) when an image of `virtualSize` bytes cannot fit `space`. */
export function imageFitRefusal(
  virtualSize: number,
  space: Pick<TargetSpace, 'usable' | 'describe'>,
  source: 'declared' | 'header',
): string | undefined {
  if (virtualSize <= space.usable) return undefined;
  const from = source === 'header' ? "the image's header says" : 'metadata "virtualSize" declares';
  const kept = source === 'header' ? 'Nothing past the header was staged' : 'Nothing was staged';
  return (
    `The image does not fit its target: ${from} a virtual size of ${virtualSize} bytes, but the ` +
    `${space.describe} holds ${space.usable} bytes. ${kept}: create the target with a larger size ` +
    '(or shrink the image) and upload again.'
  );
}
