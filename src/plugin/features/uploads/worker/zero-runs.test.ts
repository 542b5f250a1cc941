import { describe, expect, it } from 'vitest';
import { partsWithout } from './chunk-digest';
import { zeroRangesHeader, zeroRuns } from './zero-runs';

const B = 8; // a small block for the table; the real one is 64 KiB

/** A buffer from a pattern of blocks: '0' a zero block, 'x' a block with one non-zero byte at `at`. */
function blocks(pattern: string, at = B - 1, tail = 0, tailZero = true): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(pattern.length * B + tail);
  for (let i = 0; i < pattern.length; i++) if (pattern.charAt(i) === 'x') out[i * B + at] = 0xa5;
  if (tail > 0 && !tailZero) out[out.length - 1] = 1;
  return out;
}

describe('zeroRuns', () => {
  it.each([
    ['all zeros', blocks('0000'), [{ start: 0, length: 4 * B }]],
    ['no zeros', blocks('xxxx'), []],
    ['empty', new Uint8Array(0), []],
    ['leading run', blocks('00xx'), [{ start: 0, length: 2 * B }]],
    ['trailing run', blocks('xx00'), [{ start: 2 * B, length: 2 * B }]],
    [
      'alternating',
      blocks('0x0x'),
      [
        { start: 0, length: B },
        { start: 2 * B, length: B },
      ],
    ],
    // a non-zero byte on the first / last byte of a block keeps exactly that block
    [
      'edge at block start',
      blocks('0x0', 0),
      [
        { start: 0, length: B },
        { start: 2 * B, length: B },
      ],
    ],
    [
      'edge at block end',
      blocks('0x0', B - 1),
      [
        { start: 0, length: B },
        { start: 2 * B, length: B },
      ],
    ],
    ['short zero tail joins the run', blocks('x00', 0, 3), [{ start: B, length: 2 * B + 3 }]],
    ['short non-zero tail', blocks('x00', 0, 3, false), [{ start: B, length: 2 * B }]],
    ['only a short tail of zeros', new Uint8Array(3), [{ start: 0, length: 3 }]],
  ])('%s', (_name, bytes, expected) => {
    expect(zeroRuns(bytes, B)).toEqual(expected);
  });

  it('works on a view that does not start on a word boundary', () => {
    const backing = new Uint8Array(1 + 3 * B);
    backing[1 + B] = 7; // second block of the view
    expect(zeroRuns(backing.subarray(1), B)).toEqual([
      { start: 0, length: B },
      { start: 2 * B, length: B },
    ]);
  });

  it('refuses a block size that is not a positive multiple of 4', () => {
    expect(() => zeroRuns(new Uint8Array(8), 6)).toThrow(/positive multiple of 4, not 6/);
  });
});

describe('partsWithout and the header', () => {
  it('keeps the bytes outside the runs, in order, and lists the runs relative to the chunk', () => {
    const bytes = blocks('x0x0', 2);
    bytes[2 * B + 5] = 9;
    const runs = zeroRuns(bytes, B);
    const body = partsWithout(bytes, runs).flatMap((p) => [...p]);
    expect(body).toEqual([...bytes.subarray(0, B), ...bytes.subarray(2 * B, 3 * B)]);
    expect(zeroRangesHeader(runs)).toBe(`${B}+${B},${3 * B}+${B}`);
    expect(partsWithout(bytes, [])).toEqual([bytes]);
  });
});
