/**
 * Serving files from a build directory: explicit MIME types (the console requires correct JavaScript types
 * and the bridge adds `nosniff`), and no way out of the directory (no `..`, no encoded separators, no
 * dotfiles, no symlinks pointing outside).
 */
import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import type { FastifyReply } from 'fastify';

const MIME_TYPES: Readonly<Record<string, string>> = {
  '.js': 'application/javascript; charset=utf-8',
  '.mjs': 'application/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.eot': 'application/vnd.ms-fontobject',
  '.wasm': 'application/wasm',
};

function mimeTypeOf(file: string): string {
  return MIME_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * Turns a URL path (still percent-encoded, without query) relative to a mount point into safe path
 * segments, or undefined when it could address anything outside the directory.
 */
export function safeSegments(encodedPath: string): string[] | undefined {
  if (encodedPath === '') return undefined;
  const segments: string[] = [];
  for (const raw of encodedPath.split('/')) {
    let segment: string;
    try {
      segment = decodeURIComponent(raw);
    } catch {
      return undefined;
    }
    if (
      segment === '' ||
      segment.startsWith('.') ||
      segment.includes('/') ||
      segment.includes('\\') ||
      segment.includes('\0')
    ) {
      return undefined;
    }
    segments.push(segment);
  }
  return segments;
}

/** The path part of a raw request URL after `prefix`, or undefined when the URL is not under it. */
export function pathAfter(rawUrl: string, prefix: string): string | undefined {
  const q = rawUrl.indexOf('?');
  const pathname = q === -1 ? rawUrl : rawUrl.slice(0, q);
  return pathname.startsWith(prefix) ? pathname.slice(prefix.length) : undefined;
}

/** Resolves segments under `root` to an existing regular file that really lives inside `root`. */
export async function resolveFile(
  root: string,
  segments: readonly string[],
): Promise<{ file: string; size: number; mtime: Date } | undefined> {
  const absRoot = path.resolve(root);
  const candidate = path.join(absRoot, ...segments);
  if (!candidate.startsWith(absRoot + path.sep)) return undefined;
  try {
    const [realRoot, realFile] = await Promise.all([realpath(absRoot), realpath(candidate)]);
    if (!realFile.startsWith(realRoot + path.sep)) return undefined;
    const info = await stat(realFile);
    if (!info.isFile()) return undefined;
    return { file: realFile, size: info.size, mtime: info.mtime };
  } catch {
    return undefined;
  }
}

export interface SendOptions {
  cacheControl?: string;
}

/** Streams a resolved file with its MIME type; `nosniff` comes from the global security headers. */
export function sendFile(
  reply: FastifyReply,
  resolved: { file: string; size: number; mtime: Date },
  options: SendOptions = {},
): FastifyReply {
  reply
    .header('content-type', mimeTypeOf(resolved.file))
    .header('content-length', resolved.size)
    .header('last-modified', resolved.mtime.toUTCString());
  if (options.cacheControl) reply.header('cache-control', options.cacheControl);
  return reply.send(createReadStream(resolved.file));
}

export function notFound(reply: FastifyReply, what: string): FastifyReply {
  return reply.code(404).send({ error: `not found: ${what}` });
}
