/** Small readers over a byte prefix; every reader answers undefined past the end. */
export function u16le(b: Uint8Array, at: number): number | undefined {
  if (at + 2 > b.length) return undefined;
  return (b[at] ?? 0) | ((b[at + 1] ?? 0) << 8);
}

export function u32be(b: Uint8Array, at: number): number | undefined {
  if (at + 4 > b.length) return undefined;
  return new DataView(b.buffer, b.byteOffset + at, 4).getUint32(0, false);
}

export function u32le(b: Uint8Array, at: number): number | undefined {
  if (at + 4 > b.length) return undefined;
  return new DataView(b.buffer, b.byteOffset + at, 4).getUint32(0, true);
}

/** A 64-bit field as a JS number (exact up to 2^53, i.e. 8 PiB, more than any disk here). */
export function u64be(b: Uint8Array, at: number): number | undefined {
  if (at + 8 > b.length) return undefined;
  return Number(new DataView(b.buffer, b.byteOffset + at, 8).getBigUint64(0, false));
}

export function u64le(b: Uint8Array, at: number): number | undefined {
  if (at + 8 > b.length) return undefined;
  return Number(new DataView(b.buffer, b.byteOffset + at, 8).getBigUint64(0, true));
}

/** True when `b` holds exactly the bytes of `sig` at `at` (`sig` as a latin-1 string or byte list). */
export function matches(b: Uint8Array, at: number, sig: string | readonly number[]): boolean {
  const bytes = typeof sig === 'string' ? Array.from(sig, (c) => c.charCodeAt(0)) : sig;
  if (at + bytes.length > b.length) return false;
  return bytes.every((v, i) => b[at + i] === v);
}

export function ascii(b: Uint8Array, at: number, length: number): string {
  let s = '';
  for (let i = at; i < Math.min(b.length, at + length); i++) s += String.fromCharCode(b[i] ?? 0);
  return s;
}
