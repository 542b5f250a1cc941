export { inspectImage } from './inspect';
export { blobSource, bytesSource, type ByteSource } from './byte-source';
export type {
  Compression,
  DiskFormat,
  ImageInspection,
  InspectionNote,
  InspectionNoteCode,
  Qcow2Details,
} from './types';
