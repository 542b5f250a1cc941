// Messages between the page and the image worker (inspection and SHA-256 off the UI thread).
import type { ImageInspection } from '../../../../lib/image-inspection';
import type { ZeroRun } from './zero-runs';

export type WorkerRequest =
  | { id: number; type: 'inspect'; file: Blob }
  | { id: number; type: 'hash'; file: Blob }
  // `sparse`: find all-zero blocks, leave them out of the digest and list them (tus `vm-disks-zero-ranges`)
  | { id: number; type: 'digest'; chunk: Blob; sparse: boolean }
  | { id: number; type: 'cancel'; target: number };

export type WorkerResponse =
  | { id: number; type: 'inspected'; inspection: ImageInspection; headSha256: string; ms: number }
  | { id: number; type: 'hash-progress'; hashed: number }
  | { id: number; type: 'hashed'; sha256: string; ms: number; engine: 'wasm' | 'js' }
  // `readMs`: the chunk's read into memory; `digestMs`: zero scan and SHA-256 (the page's chunk timeline)
  | {
      id: number;
      type: 'digested';
      base64: string;
      zeroRuns: ZeroRun[];
      readMs: number;
      digestMs: number;
    }
  | { id: number; type: 'error'; message: string };
