// A text file is not silently a raw disk (CDI's qemu-img falls back to raw for unknown content,
// kubevirt/containerized-data-importer pkg/image/qemu.go).
import { describe, expect, it } from 'vitest';
import { looksLikeText } from './text-content';

const enc = (s: string) => new TextEncoder().encode(s);

describe('looksLikeText', () => {
  it.each([
    ['ASCII with line ends', enc('hello\r\nworld\tand more\n'), true],
    ['UTF-8 text', enc('Grüße, 世界\n'), true],
    [
      'a boot sector (NUL bytes)',
      new Uint8Array([0xeb, 0x63, 0x90, 0x00, 0x00, 0x55, 0xaa]),
      false,
    ],
    ['empty', new Uint8Array(), false],
    [
      'many control bytes',
      new Uint8Array(Array.from({ length: 100 }, (_, i) => (i % 2 ? 0x41 : 0x01))),
      false,
    ],
  ])('%s → %s', (_name, bytes, expected) => {
    expect(looksLikeText(bytes)).toBe(expected);
  });
});
