export { inspectImage, COMPRESSED_PREFIX_BYTES } from './inspect';
export { blobSource, bytesSource, type ByteSource } from './byte-source';
export type { Compression, DiskFormat, ImageInspection, Qcow2Details } from './types';
