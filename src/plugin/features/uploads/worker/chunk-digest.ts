// One upload chunk, read once into memory, gives everything its PATCH needs: the all-zero runs (declared, not
// sent: tus extension vm-disks-zero-ranges), the CRC-32 of the bytes that are sent (the tus `Upload-Checksum`
// transport check), and the next piece of the whole file's SHA-256 (the end-to-end proof the backend compares
// with the SHA-256 of what it sent to CDI). The file is read and hashed once: no second pass after the upload.
import type { Crc32 } from './crc32';
import type { Hasher } from './hashing';
import { zeroRuns, type ZeroRun } from './zero-runs';

export interface ChunkRequest {
  /** The upload this chunk belongs to (the whole-file hash is kept per upload). */
  key: string;
  offset: number;
  fileSize: number;
  sparse: boolean;
}

export interface ChunkResult {
  /** CRC-32 of the chunk without its zero runs (the PATCH body). */
  crc32: number;
  zeroRuns: ZeroRun[];
  /** Hex SHA-256 of the whole file, once its last chunk was digested after all the others in order. */
  sha256?: string;
}

interface WholeFile {
  hasher: Hasher;
  /** Bytes hashed so far (the file from 0, in order). */
  next: number;
}

/** The parts of `bytes` outside `runs`, as views (no copy). */
export function partsWithout(bytes: Uint8Array, runs: readonly ZeroRun[]): Uint8Array[] {
  const parts: Uint8Array[] = [];
  let from = 0;
  for (const r of runs) {
    if (r.start > from) parts.push(bytes.subarray(from, r.start));
    from = r.start + r.length;
  }
  if (from < bytes.length) parts.push(bytes.subarray(from));
  return parts;
}

export class ChunkDigester {
  private readonly files = new Map<string, WholeFile>();

  constructor(
    private readonly crc: () => Promise<Crc32>,
    private readonly sha256: () => Promise<Hasher>,
  ) {}

  async digest(bytes: Uint8Array, req: ChunkRequest): Promise<ChunkResult> {
    const runs = req.sparse ? zeroRuns(bytes) : [];
    const crc32 = (await this.crc()).of(partsWithout(bytes, runs));
    const sha256 = await this.feed(bytes, req);
    return { crc32, zeroRuns: runs, ...(sha256 ? { sha256 } : {}) };
  }

  /**
   * Adds the chunk to its upload's whole-file SHA-256 when it is the next one in order. A chunk digested again
   * (a retry, the sparse fallback) is skipped; an upload that did not start at 0 here (resumed after a reload)
   * gets no whole-file hash from this path (the page hashes the file after the transfer instead).
   */
  private async feed(bytes: Uint8Array, req: ChunkRequest): Promise<string | undefined> {
    let file = this.files.get(req.key);
    if (!file && req.offset === 0) {
      file = { hasher: await this.sha256(), next: 0 };
      this.files.set(req.key, file);
    }
    if (!file || req.offset > file.next) {
      this.files.delete(req.key);
      return undefined;
    }
    if (req.offset < file.next) return undefined;
    file.hasher.update(bytes);
    file.next += bytes.length;
    if (file.next < req.fileSize) return undefined;
    this.files.delete(req.key);
    return file.hasher.digest();
  }
}
