/**
 * Random access to the bytes of a file, the same in the browser (a `File`/`Blob`) and in Node
 * (`fs.openAsBlob(path)` gives a Blob too). Inspection only ever reads small ranges.
 */
export interface ByteSource {
  readonly size: number;
  /** Bytes [offset, offset + length), clipped to the end of the source. */
  read(offset: number, length: number): Promise<Uint8Array>;
  /** The bytes from `offset` to `end` as a stream (used to feed a decompressor). */
  stream(offset: number, end: number): ReadableStream<Uint8Array>;
}

export function blobSource(blob: Blob): ByteSource {
  return {
    size: blob.size,
    async read(offset, length) {
      const end = Math.min(blob.size, offset + length);
      if (offset >= end) return new Uint8Array(0);
      return new Uint8Array(await blob.slice(offset, end).arrayBuffer());
    },
    stream(offset, end) {
      return blob.slice(offset, Math.min(end, blob.size)).stream();
    },
  };
}

export function bytesSource(bytes: Uint8Array): ByteSource {
  return {
    size: bytes.length,
    read(offset, length) {
      return Promise.resolve(bytes.subarray(offset, Math.min(bytes.length, offset + length)));
    },
    stream(offset, end) {
      const part = bytes.slice(offset, Math.min(end, bytes.length));
      return new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(part);
          controller.close();
        },
      });
    },
  };
}
