// Messages between the page and the image worker (inspection and chunk digests off the UI thread).
import type { ImageInspection } from '../../../../lib/image-inspection';
import type { ZeroRun } from './zero-runs';

export type WorkerRequest =
  | { id: number; type: 'inspect'; file: Blob }
  // One upload chunk; `sparse`: find all-zero blocks, leave them out of the checksum and list them (tus
  // `vm-disks-zero-ranges`)
  | { id: number; type: 'digest'; chunk: Blob; sparse: boolean };

export type WorkerResponse =
  | { id: number; type: 'inspected'; inspection: ImageInspection; headSha256: string; ms: number }
  // `readMs`: the chunk's read into memory; `digestMs`: zero scan and SHA-256 (the page's chunk timeline)
  | {
      id: number;
      type: 'digested';
      /** Base64 SHA-256 of the bytes to send (tus `Upload-Checksum: sha256 …`). */
      sha256: string;
      zeroRuns: ZeroRun[];
      readMs: number;
      digestMs: number;
    }
  | { id: number; type: 'error'; message: string };
