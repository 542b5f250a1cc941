// Messages between the page and the image worker (inspection and SHA-256 off the UI thread).
import type { ImageInspection } from '../../../../lib/image-inspection';
import type { ZeroRun } from './zero-runs';

export type WorkerRequest =
  | { id: number; type: 'inspect'; file: Blob }
  | { id: number; type: 'hash'; file: Blob }
  // One upload chunk at `offset` of a file of `fileSize` bytes (upload `key`); `sparse`: find all-zero blocks,
  // leave them out of the checksum and list them (tus `vm-disks-zero-ranges`)
  | {
      id: number;
      type: 'digest';
      chunk: Blob;
      sparse: boolean;
      key: string;
      offset: number;
      fileSize: number;
    }
  | { id: number; type: 'cancel'; target: number };

export type WorkerResponse =
  | { id: number; type: 'inspected'; inspection: ImageInspection; headSha256: string; ms: number }
  | { id: number; type: 'hash-progress'; hashed: number }
  | { id: number; type: 'hashed'; sha256: string; ms: number; engine: 'wasm' | 'js' }
  // `readMs`: the chunk's read into memory; `digestMs`: zero scan and SHA-256 (the page's chunk timeline)
  | {
      id: number;
      type: 'digested';
      /** Base64 CRC-32 of the bytes to send (tus `Upload-Checksum: crc32 …`). */
      crc32: string;
      zeroRuns: ZeroRun[];
      /** Hex SHA-256 of the whole file, with its last chunk when every chunk was digested here in order. */
      sha256?: string;
      readMs: number;
      digestMs: number;
    }
  | { id: number; type: 'error'; message: string };
