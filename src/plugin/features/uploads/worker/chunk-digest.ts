// One upload chunk, read once into memory, gives everything its PATCH needs: the all-zero runs (declared, not
// sent: tus extension vm-disks-zero-ranges) and the SHA-256 of the bytes that are sent, for the tus
// `Upload-Checksum: sha256 <base64>` (ARCHITECTURE.md §6: every tus chunk carries its own SHA-256). Each sent
// byte is hashed once; zero runs are not hashed (the backend stages them as holes, implied zeros). There is no
// whole-file hash in the page: the backend verifies every chunk's SHA-256 on arrival (src/server/uploads/
// tus-checksum.ts) and hashes what it sends to CDI; that SHA-256 of the logical bytes is the one users compare.
import type { Hasher } from './hashing';
import { zeroRuns, type ZeroRun } from './zero-runs';

export interface ChunkResult {
  /** Base64 SHA-256 of the chunk without its zero runs (the PATCH body), as `Upload-Checksum` carries it. */
  sha256: string;
  zeroRuns: ZeroRun[];
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

/** Base64 of the bytes a hex string spells (a digest: an even number of hex digits). */
export function hexToBase64(hex: string): string {
  if (!/^(?:[0-9a-f]{2})*$/i.test(hex)) throw new Error(`hexToBase64: "${hex}" is not hex bytes`);
  let binary = '';
  for (let i = 0; i < hex.length; i += 2)
    binary += String.fromCharCode(parseInt(hex.slice(i, i + 2), 16));
  return btoa(binary);
}

/**
 * The chunk's zero runs (only with `sparse`; otherwise every byte is sent) and the SHA-256 of the bytes sent.
 * `sha256` gives a fresh streaming hasher (one per chunk: chunks may be digested concurrently, the next one
 * while this one is sent).
 */
export async function digestChunk(
  bytes: Uint8Array,
  sparse: boolean,
  sha256: () => Promise<Hasher>,
): Promise<ChunkResult> {
  const runs = sparse ? zeroRuns(bytes) : [];
  const h = await sha256();
  for (const part of partsWithout(bytes, runs)) h.update(part);
  return { sha256: hexToBase64(h.digest()), zeroRuns: runs };
}
