// The words for each refusal of src/lib/cdi-upload-rules.ts: the cause and the fix.
import type { TFunction } from 'i18next';
import type { UploadProblem } from '../../../lib/cdi-upload-rules';

export const problemText = (t: TFunction, p: UploadProblem): string => {
  const params = p.params;
  switch (p.code) {
    case 'empty-file':
      return t('The file is empty (0 bytes): choose the image file itself.');
    case 'unknown-size':
      return t('The size of the image cannot be read from the file: enter the disk size.');
    case 'unsupported-compression':
      return t(
        'CDI cannot unpack {{compression}} files: decompress the file or recompress it with gzip or xz.',
        params,
      );
    case 'unsupported-format':
      return t(
        'CDI does not accept {{format}} images: convert the image first (qemu-img convert -O qcow2).',
        params,
      );
    case 'archive-not-uploadable':
      return t(
        'A tar archive is not a disk image: extract the disk image from it and upload that.',
      );
    case 'archive-to-block':
      return t(
        'A tar archive cannot go to a Block volume (it is unpacked into a file system): choose Filesystem.',
      );
    case 'vmdk-descriptor-only':
      return t(
        'This is only a VMDK descriptor without its data: convert the disk to a single file first.',
      );
    case 'qcow2-backing-file':
      return t(
        'The qcow2 image has a backing file ({{backingFile}}), which CDI refuses: flatten it with qemu-img convert -O qcow2.',
        params,
      );
    case 'qcow2-encrypted':
      return t(
        'The qcow2 image is encrypted, which CDI cannot convert: write a decrypted copy with qemu-img convert.',
      );
    case 'qcow2-corrupt':
      return t(
        'The qcow2 image is marked corrupt or keeps its data in an external file: repair or convert it first.',
      );
    case 'differencing-vhd':
      return t('A differencing VHD needs its parent disk: merge it into a standalone image first.');
    case 'encrypted-luks':
      return t('The image is LUKS-encrypted, which CDI cannot import: decrypt it first.');
    case 'invalid-name':
      return t(
        '"{{name}}" is not a valid name ({{reason}}): use lower-case letters, digits and "-", at most 63 characters.',
        params,
      );
    case 'invalid-size':
      return t('Enter a size of at least 1Mi, e.g. 10Gi.');
    case 'too-small':
      return t(
        'The disk is too small: the image needs {{virtualSize}} bytes but the volume holds {{usable}}. Use at least {{minimum}}.',
        params,
      );
    case 'read-only-access':
      return t('Cannot upload to a read-only volume: choose ReadWriteOnce or ReadWriteMany.');
    case 'existing-not-found':
      return t('DataVolume {{name}} was not found: choose another or create a new one.', params);
    case 'existing-not-upload':
      return t(
        'DataVolume {{name}} does not take uploads (its source is not "upload"): create a new DataVolume.',
        params,
      );
    case 'existing-done':
      return t(
        'DataVolume {{name}} already holds an uploaded image; CDI accepts one upload per volume: create a new DataVolume.',
        params,
      );
  }
};
