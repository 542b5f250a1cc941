// The words for each note of src/lib/image-inspection (codes with parameters; src/lib stays free of i18n).
import type { TFunction } from 'i18next';
import type { InspectionNote } from '../../../lib/image-inspection';

export const inspectionNoteText = (t: TFunction, note: InspectionNote): string => {
  switch (note.code) {
    case 'gzip-size-modulo-4gib':
      return t('gzip records the uncompressed size modulo 4 GiB; check the disk size.');
    case 'compressed-content-unreadable':
      return t(
        'The {{compression}} content could not be decompressed here, so the image inside is unknown; CDI checks it.',
        note.params,
      );
    case 'size-not-sector-multiple':
      return t(
        'The size ({{size}} bytes) is not a multiple of 512 bytes; a disk made from it is rounded up.',
        note.params,
      );
  }
};
