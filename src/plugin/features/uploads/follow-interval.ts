// How soon the page reads an upload's backend state again while the backend finishes it (forwarding the last
// piece, verifying, CDI's import). The end usually comes within a second of the last byte, so the first reads
// are close together and then back off: a fixed 1 s interval made every upload look a second slower than it was
// (bench/upload's "processing → done"), while a long CDI import of a large image is read at most every 2 s.
export const FIRST_FOLLOW_MS = 200;
export const MAX_FOLLOW_MS = 2000;
const GROWTH = 1.5;

/** The delay before the next read, after `reads` successful reads of this upload. */
export const followIntervalMs = (reads: number): number =>
  Math.min(MAX_FOLLOW_MS, Math.round(FIRST_FOLLOW_MS * GROWTH ** Math.max(0, reads - 1)));
