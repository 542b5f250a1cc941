/**
 * The tus checksum extension: `Upload-Checksum: <algorithm> <base64 digest>` on a PATCH covers that request's
 * body. The algorithms are the ones node:crypto computes incrementally.
 */
import { createHash, type Hash } from 'node:crypto';

/** Advertised in `Tus-Checksum-Algorithm` (tus names; node:crypto names are the same). */
export const CHECKSUM_ALGORITHMS = ['sha256', 'sha1', 'md5'] as const;
export type ChecksumAlgorithm = (typeof CHECKSUM_ALGORITHMS)[number];

const DIGEST_BYTES: Record<ChecksumAlgorithm, number> = { sha256: 32, sha1: 20, md5: 16 };
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

export interface ExpectedChecksum {
  algorithm: ChecksumAlgorithm;
  digest: Buffer;
}

export class ChecksumHeaderError extends Error {
  override name = 'ChecksumHeaderError';
}

const isAlgorithm = (name: string): name is ChecksumAlgorithm =>
  (CHECKSUM_ALGORITHMS as readonly string[]).includes(name);

/** Parses the header; `undefined` when absent. Throws `ChecksumHeaderError` (→ 400) when unusable. */
export function parseUploadChecksum(header: string | undefined): ExpectedChecksum | undefined {
  if (header === undefined) return undefined;
  const parts = header.trim().split(/\s+/);
  if (parts.length !== 2) {
    throw new ChecksumHeaderError(
      'Upload-Checksum must be "<algorithm> <base64 digest>", e.g. "sha256 47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU="',
    );
  }
  const [name = '', encoded = ''] = parts;
  const algorithm = name.toLowerCase();
  if (!isAlgorithm(algorithm)) {
    throw new ChecksumHeaderError(
      `Upload-Checksum algorithm "${name}" is not supported; use one of ${CHECKSUM_ALGORITHMS.join(', ')}`,
    );
  }
  const digest = BASE64.test(encoded) ? Buffer.from(encoded, 'base64') : Buffer.alloc(0);
  if (digest.length !== DIGEST_BYTES[algorithm]) {
    throw new ChecksumHeaderError(
      `Upload-Checksum: "${encoded}" is not a base64 ${algorithm} digest (${DIGEST_BYTES[algorithm]} bytes)`,
    );
  }
  return { algorithm, digest };
}

export function checksumHash(expected: ExpectedChecksum): Hash {
  return createHash(expected.algorithm);
}
