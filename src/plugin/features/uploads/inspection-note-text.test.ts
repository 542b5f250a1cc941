// Inspection notes are codes with parameters, worded here through t(): English from the real locale file, and
// another language when the catalogue has one (so nothing bypasses the translation).
import { createInstance } from 'i18next';
import { describe, expect, it } from 'vitest';
import en from '../../../../locales/en/plugin__vm-disks-plugin.json';
import { bytesSource, inspectImage } from '../../../lib/image-inspection';
import { inspectionNoteText } from './inspection-note-text';

const NS = 'plugin__vm-disks-plugin';
const i18n = createInstance();
await i18n.init({
  lng: 'en',
  ns: [NS],
  defaultNS: NS,
  nsSeparator: '~',
  keySeparator: false,
  interpolation: { escapeValue: false },
  showSupportNotice: false,
  resources: {
    en: { [NS]: en },
    de: {
      [NS]: {
        'The size ({{size}} bytes) is not a multiple of 512 bytes; a disk made from it is rounded up.':
          'Die Größe ({{size}} Byte) ist kein Vielfaches von 512 Byte; eine Disk daraus wird aufgerundet.',
      },
    },
  },
});

const corruptGzip = (): Uint8Array => {
  const bytes = new Uint8Array(4096);
  bytes.set([0x1f, 0x8b, 0x08, 0x00, 0, 0, 0, 0, 0, 3]);
  for (let i = 10; i < bytes.length; i++) bytes[i] = (i * 7) & 255;
  return bytes;
};

describe('inspectionNoteText', () => {
  it('words every note of a real inspection from the locale, with its parameters', async () => {
    const odd = await inspectImage(bytesSource(new Uint8Array(1000).fill(1)));
    const gz = await inspectImage(bytesSource(corruptGzip()));
    const t = i18n.getFixedT('en', NS);
    expect([...odd.notes, ...gz.notes].map((n) => inspectionNoteText(t, n))).toEqual([
      'The size (1000 bytes) is not a multiple of 512 bytes; a disk made from it is rounded up.',
      'gzip records the uncompressed size modulo 4 GiB; check the disk size.',
      'The gzip content could not be decompressed here, so the image inside is unknown; CDI checks it.',
    ]);
  });

  it('follows the language of the catalogue', async () => {
    const odd = await inspectImage(bytesSource(new Uint8Array(1000).fill(1)));
    const note = odd.notes.at(0);
    if (!note) throw new Error('no note');
    expect(inspectionNoteText(i18n.getFixedT('de', NS), note)).toBe(
      'Die Größe (1000 Byte) ist kein Vielfaches von 512 Byte; eine Disk daraus wird aufgerundet.',
    );
  });
});
