/**
 * Whether the first bytes of a file read as text rather than as a disk image. CDI takes any content it does not
 * recognise as a raw image (kubevirt/containerized-data-importer pkg/image/qemu.go: `qemu-img` falls back to raw),
 * so a text file would become a "disk" without a word; the upload form asks first. Disk images and random data
 * hold NUL bytes within their first sectors; text does not. Pure.
 */

/** How many leading bytes are looked at. */
export const TEXT_SNIFF_BYTES = 4096;

export const looksLikeText = (bytes: Uint8Array): boolean => {
  if (bytes.length === 0) return false;
  let control = 0;
  for (const b of bytes) {
    if (b === 0) return false;
    // Tab, line feed, form feed, carriage return and escape appear in text; other C0 controls do not.
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0c && b !== 0x0d && b !== 0x1b)
      control += 1;
  }
  return control / bytes.length < 0.01;
};
