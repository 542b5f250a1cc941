import { spawn } from 'node:child_process';
import { createWriteStream, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import {
  convertToRaw,
  ensureDevice,
  imageFile,
  imageInfo,
  resizeImage,
} from '../controllers/cdi/diskops';
import { parseQuantity } from '../world/quantity';
import type { VolumeLocation } from '../world/volumes';
import type { Compression } from './formats';
import { SUPPORTED_FORMATS, detectCompression, detectImageFormat } from './formats';

/** An error with the HTTP status CDI's upload server answers with. */
export class UploadError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** Yields `first` then the rest of `rest`. */
async function* prepend(first: Buffer[], rest: AsyncIterator<Buffer>): AsyncGenerator<Buffer> {
  for (const c of first) yield c;
  for (;;) {
    const n = await rest.next();
    if (n.done) return;
    yield n.value;
  }
}

async function decompressWithTool(
  tool: string,
  source: AsyncIterable<Buffer>,
  dest: string,
): Promise<void> {
  const child = spawn(tool, ['-dc'], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => {
    stderr += d.toString();
  });
  const exited = new Promise<number>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => {
      resolve(code ?? 1);
    });
  });
  await Promise.all([
    pipeline(Readable.from(source), child.stdin),
    pipeline(child.stdout, createWriteStream(dest)),
  ]);
  const code = await exited;
  if (code !== 0) throw new Error(`${tool}: ${stderr.trim()}`);
}

/** Writes the (decompressed) stream to `dest`; returns the compression it found. */
export async function spool(body: AsyncIterable<Buffer>, dest: string): Promise<Compression> {
  const it = body[Symbol.asyncIterator]();
  const head: Buffer[] = [];
  let len = 0;
  while (len < 8) {
    const n = await it.next();
    if (n.done) break;
    head.push(n.value);
    len += n.value.length;
  }
  const compression = detectCompression(Buffer.concat(head));
  const source = prepend(head, it);
  mkdirSync(path.dirname(dest), { recursive: true });
  if (compression === 'gz')
    await pipeline(Readable.from(source), createGunzip(), createWriteStream(dest));
  else if (compression === 'xz') await decompressWithTool('xz', source, dest);
  else if (compression === 'zst') await decompressWithTool('zstd', source, dest);
  else await pipeline(Readable.from(source), createWriteStream(dest));
  return compression;
}

export interface ValidatedImage {
  file: string;
  format: string;
  virtualSize: number;
}

/**
 * CDI's checks before it answers: a known format, no backing file, and a virtual size that fits
 * the available space ("A larger PVC is required").
 */
export async function validateImage(
  file: string,
  available: number,
  tooLarge: (virtualSize: number, available: number) => UploadError = (virtualSize, bytes) =>
    new UploadError(
      400,
      `Saving stream failed: effective image size is larger than the reported available storage: virtual image size ${String(virtualSize)} is larger than the reported available storage ${String(bytes)}. A larger PVC is required`,
    ),
): Promise<ValidatedImage> {
  let format = detectImageFormat(file);
  if (format === 'tar') format = 'raw';
  let virtualSize: number;
  if (format === 'raw') {
    virtualSize = statSync(file).size;
  } else {
    let info;
    try {
      info = await imageInfo(file, format);
    } catch (err) {
      throw new UploadError(
        500,
        `Saving stream failed: Unable to process data: ${String(err instanceof Error ? err.message : err).trim()}`,
      );
    }
    if (!SUPPORTED_FORMATS.includes(info.format)) {
      throw new UploadError(
        500,
        `Saving stream failed: Unable to process data: Invalid format ${info.format} for image ${file}`,
      );
    }
    if (info.backingFile) {
      throw new UploadError(
        500,
        `Saving stream failed: Unable to process data: Image ${file} is invalid because it has invalid backing file ${info.backingFile}`,
      );
    }
    if (info.encrypted) {
      throw new UploadError(
        500,
        `Saving stream failed: Unable to process data: Image ${file} is encrypted`,
      );
    }
    virtualSize = info.virtualSize;
  }
  // The answer depends on the modelled CDI release: see capacity-error.ts.
  if (virtualSize > available) throw tooLarge(virtualSize, available);
  return { file, format, virtualSize };
}

/** Converts (or moves) the validated image into the volume, then grows it to the available size. */
export async function writeImage(
  img: ValidatedImage,
  target: VolumeLocation,
  available: number,
): Promise<void> {
  ensureDevice(target);
  const dest = imageFile(target);
  if (!target.block && img.format === 'raw') {
    try {
      renameSync(img.file, dest);
    } catch {
      await convertToRaw(img.file, 'raw', dest, false);
    }
  } else {
    await convertToRaw(img.file, img.format, dest, target.block);
  }
  rmSync(img.file, { force: true });
  if (!target.block) await resizeImage(dest, available);
}

export function blockCapacity(loc: VolumeLocation): number {
  return parseQuantity(loc.capacity) ?? 0;
}
