import type { IncomingHttpHeaders } from 'node:http';

/** The bearer token of `Authorization: Bearer <token>`, the backend API's only source of identity. */
export function bearerToken(headers: IncomingHttpHeaders): string | undefined {
  const header = headers.authorization;
  if (!header) return undefined;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1];
}
