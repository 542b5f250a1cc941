// Messages between the page and the image worker (inspection and SHA-256 off the UI thread).
import type { ImageInspection } from '../../../../lib/image-inspection';

export type WorkerRequest =
  | { id: number; type: 'inspect'; file: Blob }
  | { id: number; type: 'hash'; file: Blob }
  | { id: number; type: 'digest'; chunk: Blob }
  | { id: number; type: 'cancel'; target: number };

export type WorkerResponse =
  | { id: number; type: 'inspected'; inspection: ImageInspection; headSha256: string; ms: number }
  | { id: number; type: 'hash-progress'; hashed: number }
  | { id: number; type: 'hashed'; sha256: string; ms: number; engine: 'wasm' | 'js' }
  | { id: number; type: 'digested'; base64: string }
  | { id: number; type: 'error'; message: string };
