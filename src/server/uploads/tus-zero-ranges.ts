/**
 * The `vm-disks-zero-ranges` tus extension (ours; see README.md): instead of sending a run of zero bytes, the
 * client declares it. A zero-range PATCH carries `Content-Type: application/vnd.vm-disks.zero-range`,
 * `Upload-Offset` (as any PATCH), `Upload-Zero-Length: <bytes>` and an empty body; the answer is 204 with the
 * new `Upload-Offset`. A tus server without the extension answers such a PATCH 415 (tus 1.0: a PATCH whose
 * Content-Type is not `application/offset+octet-stream` is refused with 415), so nothing is staged by mistake,
 * and a client only uses it when the server lists it in `Tus-Extension`.
 */

export const ZERO_RANGES_EXTENSION = 'vm-disks-zero-ranges';
export const ZERO_RANGE_CONTENT_TYPE = 'application/vnd.vm-disks.zero-range';

/** One shared, never-written buffer of zeros: the CDI leg sends a declared range from it, piece by piece. */
export const ZEROS = Buffer.alloc(1024 * 1024);

export class ZeroRangeHeaderError extends Error {
  override name = 'ZeroRangeHeaderError';
}

/**
 * Checks a zero-range PATCH's headers: `Upload-Zero-Length` a positive integer, an empty body, no
 * `Upload-Checksum` (the bytes are known). Throws `ZeroRangeHeaderError` (→ 400) naming the header.
 */
export function parseZeroLength(
  zeroLength: string | undefined,
  contentLength: string | undefined,
  transferEncoding: string | undefined,
  checksum: string | undefined,
): number {
  if (zeroLength === undefined) {
    throw new ZeroRangeHeaderError(
      `Upload-Zero-Length is required with Content-Type ${ZERO_RANGE_CONTENT_TYPE}: the number of zero bytes at Upload-Offset`,
    );
  }
  if (!/^\d{1,16}$/.test(zeroLength.trim()) || Number(zeroLength) <= 0) {
    throw new ZeroRangeHeaderError(
      `Upload-Zero-Length must be a positive integer (bytes), not "${zeroLength}"`,
    );
  }
  const length = Number(zeroLength);
  if (!Number.isSafeInteger(length)) {
    throw new ZeroRangeHeaderError(`Upload-Zero-Length ${zeroLength} is too large`);
  }
  if ((contentLength !== undefined && contentLength !== '0') || transferEncoding !== undefined) {
    throw new ZeroRangeHeaderError(
      'A zero-range PATCH has an empty body (Content-Length: 0): the bytes are declared, not sent',
    );
  }
  if (checksum !== undefined) {
    throw new ZeroRangeHeaderError(
      'Upload-Checksum is not sent with a zero range: the bytes are known to be zeros',
    );
  }
  return length;
}
