/**
 * The tus checksum extension: `Upload-Checksum: <algorithm> <base64 digest>` on a PATCH covers that request's
 * body. The algorithms are the ones node:crypto computes incrementally, and `crc32` (CRC-32 as zlib/IEEE 802.3
 * define it, the 4 bytes big-endian, base64) for clients that want a cheap transport check. The page sends
 * `sha256` of each chunk's body (ARCHITECTURE.md §6). Only sha256 chunks count as verified
 * (`everyChunkChecked`); after any other chunk the CDI leg releases the last piece only once a whole-file
 * SHA-256 (`PUT …/checksum`) equals its own (see README.md).
 */
import { createHash } from 'node:crypto';
import { crc32 } from 'node:zlib';

/** Advertised in `Tus-Checksum-Algorithm` (tus names; node:crypto names are the same). */
export const CHECKSUM_ALGORITHMS = ['sha256', 'sha1', 'md5', 'crc32'] as const;
export type ChecksumAlgorithm = (typeof CHECKSUM_ALGORITHMS)[number];

const DIGEST_BYTES: Record<ChecksumAlgorithm, number> = { sha256: 32, sha1: 20, md5: 16, crc32: 4 };
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

/** An incremental digest of a PATCH body. */
export interface BodyDigest {
  update(data: Buffer): void;
  digest(): Buffer;
}

export function checksumHash(expected: ExpectedChecksum): BodyDigest {
  if (expected.algorithm !== 'crc32') return createHash(expected.algorithm);
  let value = 0;
  return {
    update: (data) => {
      value = crc32(data, value);
    },
    digest: () => {
      const out = Buffer.alloc(4);
      out.writeUInt32BE(value >>> 0);
      return out;
    },
  };
}
