import type { IncomingMessage } from 'node:http';
import type { ResourceType } from '../contract';
import type { TypeRegistry } from '../store/registry';
import { ApiError } from './status';

/** A resource request as the API server's RequestInfo sees it. */
export interface ResourceRequest {
  group: string;
  version: string;
  type: ResourceType;
  namespace?: string;
  name?: string;
  subresource?: string;
  verb: string;
  watch: boolean;
  query: URLSearchParams;
}

const NAMESPACE_SUBRESOURCES = new Set(['status', 'finalize']);

const notFound = (): ApiError =>
  new ApiError(404, 'NotFound', 'the server could not find the requested resource');

const isTrue = (v: string | null): boolean => v === 'true' || v === '1';

/** Parses `/api/v1/...` and `/apis/<g>/<v>/...` resource paths; undefined for other paths. */
export const parseResourceRequest = (
  method: string,
  url: URL,
  registry: TypeRegistry,
): ResourceRequest | undefined => {
  const parts = url.pathname
    .split('/')
    .filter((p) => p !== '')
    .map(decodeURIComponent);
  let group: string;
  let version: string;
  let rest: string[];
  if (parts[0] === 'api' && parts.length >= 3) {
    group = '';
    version = parts[1];
    rest = parts.slice(2);
  } else if (parts[0] === 'apis' && parts.length >= 4) {
    group = parts[1];
    version = parts[2];
    rest = parts.slice(3);
  } else return undefined;
  let watch = isTrue(url.searchParams.get('watch'));
  if (rest[0] === 'watch') {
    watch = true;
    rest = rest.slice(1);
  }
  let namespace: string | undefined;
  if (rest[0] === 'namespaces' && rest.length > 2 && !NAMESPACE_SUBRESOURCES.has(rest[2])) {
    namespace = rest[1];
    rest = rest.slice(2);
  }
  const plural = rest.at(0);
  const name = rest.at(1);
  const subresource = rest.at(2);
  if (!plural || rest.length > 3) throw notFound();
  const type = registry.findByPlural(group, plural);
  if (!type?.versions.includes(version)) throw notFound();
  if (namespace !== undefined && !type.namespaced) throw notFound();
  if (subresource !== undefined) {
    const ok =
      (subresource === 'status' && type.subresources?.status) ||
      (subresource === 'finalize' && type.kind === 'Namespace' && type.group === '');
    if (!ok) throw notFound();
  }
  let verb: string;
  switch (method) {
    case 'GET':
    case 'HEAD':
      verb = name ? 'get' : watch ? 'watch' : 'list';
      if (name && watch) verb = 'watch';
      break;
    case 'POST':
      verb = 'create';
      if (name)
        throw new ApiError(
          405,
          'MethodNotAllowed',
          'the server does not allow this method on the requested resource',
        );
      break;
    case 'PUT':
      verb = 'update';
      break;
    case 'PATCH':
      verb = 'patch';
      break;
    case 'DELETE':
      verb = name ? 'delete' : 'deletecollection';
      break;
    default:
      throw new ApiError(
        405,
        'MethodNotAllowed',
        'the server does not allow this method on the requested resource',
      );
  }
  if (['update', 'patch'].includes(verb) && !name) {
    throw new ApiError(
      405,
      'MethodNotAllowed',
      'the server does not allow this method on the requested resource',
    );
  }
  const allowed = type.verbs;
  if (allowed && !allowed.includes(verb) && !(subresource && type.subresources?.status)) {
    throw new ApiError(
      405,
      'MethodNotAllowed',
      'the server does not allow this method on the requested resource',
    );
  }
  return {
    group,
    version,
    type,
    ...(namespace !== undefined ? { namespace } : {}),
    ...(name !== undefined ? { name } : {}),
    ...(subresource !== undefined ? { subresource } : {}),
    verb,
    watch,
    query: url.searchParams,
  };
};

/**
 * Reads a request body of at most `limit` bytes. A larger body is read to its end and discarded
 * (up to `drainLimit`, then the connection is dropped) so that the 413 Status reaches the client
 * instead of a reset connection, as the API server answers
 * (staging/src/k8s.io/apiserver/pkg/endpoints/handlers/rest.go `limitedReadBody`:
 * "Request entity too large: limit is 3145728").
 */
export const readBody = (
  req: IncomingMessage,
  limit = 3 * 1024 * 1024,
  drainLimit = 256 * 1024 * 1024,
): Promise<Buffer> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limit) {
        tooLarge = true;
        chunks.length = 0;
        if (size > drainLimit) req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => {
      if (tooLarge) {
        reject(
          new ApiError(
            413,
            'RequestEntityTooLarge',
            `Request entity too large: limit is ${String(limit)}`,
          ),
        );
        return;
      }
      resolve(Buffer.concat(chunks));
    });
    req.on('error', reject);
  });

/** The bearer token of a request: `Authorization` header or the WebSocket bearer subprotocol. */
export const bearerToken = (req: IncomingMessage): string | undefined => {
  const h = req.headers.authorization;
  if (h) {
    const m = /^Bearer\s+(.+)$/i.exec(h.trim());
    if (m) return m[1].trim();
  }
  const protocols = req.headers['sec-websocket-protocol'];
  if (protocols) {
    for (const p of protocols.split(',').map((s) => s.trim())) {
      const prefix = 'base64url.bearer.authorization.k8s.io.';
      if (p.startsWith(prefix))
        return Buffer.from(p.slice(prefix.length), 'base64url').toString('utf8');
    }
  }
  return undefined;
};
