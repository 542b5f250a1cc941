/**
 * The `vm-disks-zero-ranges` tus extension (ours; see README.md): runs of zero bytes are declared, not sent.
 * A sparse PATCH carries `Content-Type: application/vnd.vm-disks.sparse-octet-stream`, `Upload-Offset` (as
 * any PATCH), `Upload-Zero-Ranges: <start>+<length>,…` (relative to `Upload-Offset`, increasing, not
 * overlapping) and a body holding only the other bytes, in order. The chunk it stands for is the body with the
 * zero ranges put back in place; the answer is 204 with the new `Upload-Offset` (the chunk's end).
 * `Upload-Checksum` (optional) covers the body as sent; the zeros need none. A tus server without the
 * extension answers such a PATCH 415 (tus 1.0: a PATCH that is not `application/offset+octet-stream` gets 415),
 * so nothing is staged by mistake; a client uses it only when the server lists it in `Tus-Extension`.
 */

export const ZERO_RANGES_EXTENSION = 'vm-disks-zero-ranges';
export const SPARSE_CONTENT_TYPE = 'application/vnd.vm-disks.sparse-octet-stream';
/** Enough for a 64 MiB chunk whose zero runs alternate with data every 64 KiB, within Node's header limit. */
export const MAX_ZERO_RANGES = 1024;

/** One shared, never-written buffer of zeros: the CDI leg sends a declared range from it, piece by piece. */
export const ZEROS = Buffer.alloc(1024 * 1024);

/** A zero range in file offsets, `[from, to)`. */
export interface ZeroRange {
  from: number;
  to: number;
}

export class ZeroRangeHeaderError extends Error {
  override name = 'ZeroRangeHeaderError';
}

/**
 * Parses `Upload-Zero-Ranges` of a PATCH at `offset` with a body of `bodyLength` bytes into file offsets, and
 * checks that the chunk fits: every range starts where the body (with the ranges before it) reaches, and the
 * chunk ends within `size`. Throws `ZeroRangeHeaderError` (→ 400; 413 for `tooLong`) naming the header.
 */
export function parseZeroRanges(
  value: string | undefined,
  offset: number,
  bodyLength: number | undefined,
  size: number,
): { ranges: ZeroRange[]; end: number } {
  if (value === undefined || value.trim() === '') {
    throw new ZeroRangeHeaderError(
      `Upload-Zero-Ranges is required with Content-Type ${SPARSE_CONTENT_TYPE}: "<start>+<length>,…" relative to Upload-Offset`,
    );
  }
  if (bodyLength === undefined || !Number.isSafeInteger(bodyLength) || bodyLength < 0) {
    throw new ZeroRangeHeaderError(
      'A sparse PATCH needs Content-Length (the bytes of the body, zero ranges left out)',
    );
  }
  const items = value.split(',');
  if (items.length > MAX_ZERO_RANGES) {
    throw new ZeroRangeHeaderError(
      `Upload-Zero-Ranges lists ${items.length} ranges; at most ${MAX_ZERO_RANGES} per PATCH (send the shortest runs as bytes)`,
    );
  }
  const ranges: ZeroRange[] = [];
  let logical = 0; // relative end of the previous range
  let zeros = 0;
  for (const item of items) {
    const m = /^\s*(\d{1,16})\+(\d{1,16})\s*$/.exec(item);
    const start = Number(m?.[1]);
    const length = Number(m?.[2]);
    if (!m || !Number.isSafeInteger(start) || !Number.isSafeInteger(length) || length <= 0) {
      throw new ZeroRangeHeaderError(
        `Upload-Zero-Ranges: "${item.trim()}" is not "<start>+<length>" with a positive length`,
      );
    }
    if (start < logical) {
      throw new ZeroRangeHeaderError(
        `Upload-Zero-Ranges: the range at +${start} starts before the end of the previous one (+${logical}); list them in order, not overlapping`,
      );
    }
    if (start - zeros > bodyLength) {
      throw new ZeroRangeHeaderError(
        `Upload-Zero-Ranges: the range at +${start} needs ${start - zeros} body bytes before it; the body has ${bodyLength}`,
      );
    }
    ranges.push({ from: offset + start, to: offset + start + length });
    logical = start + length;
    zeros += length;
  }
  const end = offset + bodyLength + zeros;
  if (end > size) {
    throw new ZeroRangeTooLong(
      `The chunk (${bodyLength} body bytes and ${zeros} zeros from offset ${offset}) runs past the upload's length ${size}`,
    );
  }
  return { ranges, end };
}

export class ZeroRangeTooLong extends ZeroRangeHeaderError {
  override name = 'ZeroRangeTooLong';
}
