/** What inspection tells about a disk image file, detected from its content only (never its name). */

/** Disk image formats, named as `qemu-img info` names them (`vpc` = VHD). */
export type DiskFormat =
  'raw' | 'iso' | 'qcow2' | 'qcow' | 'qed' | 'vmdk' | 'vpc' | 'vhdx' | 'vdi' | 'luks' | 'tar';

export type Compression = 'gzip' | 'xz' | 'zstd' | 'bzip2';

export interface Qcow2Details {
  version: number;
  clusterBits: number;
  /** The backing file name, or null when the image stands alone. */
  backingFile: string | null;
  /** 0 none, 1 AES, 2 LUKS. */
  cryptMethod: number;
  encrypted: boolean;
  compressionType: 'zlib' | 'zstd';
  /** Incompatible feature bits that make the image unusable as is (dirty, corrupt, external data). */
  dirty: boolean;
  /** Marked corrupt in the header, or truncated before its own metadata tables. */
  corrupt: boolean;
  externalDataFile: boolean;
}

/** What a note is about; the UI words each code (with `params`), `message` is the English wording. */
export type InspectionNoteCode =
  'gzip-size-modulo-4gib' | 'compressed-content-unreadable' | 'size-not-sector-multiple';

export interface InspectionNote {
  code: InspectionNoteCode;
  message: string;
  params: Record<string, string | number>;
}

export interface ImageInspection {
  /** Size of the file as selected (compressed size when compressed). */
  fileSize: number;
  /** True for a zero-byte file: nothing to inspect, nothing to upload. */
  empty: boolean;
  /** The compression wrapper, if any (only one layer is unwrapped, as CDI does). */
  compression: Compression | null;
  /** Size once decompressed, when the wrapper records it (xz index, zstd frame, gzip ISIZE < 4 GiB). */
  uncompressedSize: number | null;
  /**
   * False when the compressed content could not be decompressed here (e.g. WebAssembly, which the xz
   * decoder needs, is blocked by a Content-Security-Policy): `format` is then only a guess (`raw`).
   */
  innerReadable?: boolean;
  /** The image format inside any wrapper. Content nothing else matches is `raw`, as for CDI. */
  format: DiskFormat;
  /** The size of the disk the image describes, in bytes; null when it cannot be known from a prefix. */
  virtualSize: number | null;
  qcow2?: Qcow2Details;
  /** For raw images: the partition table found, if any. */
  partitionTable?: 'mbr' | 'gpt' | null;
  /** ISO 9660: the volume identifier. */
  isoVolumeId?: string;
  /** VMDK: a text descriptor without its data extents (cannot be uploaded on its own). */
  vmdkDescriptorOnly?: boolean;
  /** VHD: dynamic (footer copy at 0) or fixed (footer only at the end). */
  vhdType?: 'fixed' | 'dynamic' | 'differencing';
  /** Things worth telling the user that do not block (e.g. raw size not a multiple of 512). */
  notes: InspectionNote[];
}
