/**
 * Headers the bridge sets on every response (`WithSecurityHeaders`), plus a Content-Security-Policy for the
 * host page. Everything loads from 'self' (the plugin comes through `/api/plugins/…`); monaco's workers are
 * same-origin files (blob: allowed for worker bootstraps); styles need 'unsafe-inline' (React style props,
 * monaco's injected <style>). No 'unsafe-eval'; 'wasm-unsafe-eval' lets the upload worker compile
 * WebAssembly (hash-wasm's SHA-256, the xz decoder), which the console's own CSP allows too.
 */
import type { IncomingHttpHeaders } from 'node:http';

const HOST_HEADER = /^[a-zA-Z0-9.-]+(:\d+)?$|^\[[0-9a-fA-F:.]+\](:\d+)?$/;

export const BASE_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'strict-origin-when-cross-origin',
};

export function contentSecurityPolicy(headers: IncomingHttpHeaders): string {
  const host = headers.host;
  // 'self' covers ws:/wss: to the same host in CSP3 browsers; name it explicitly for older engines.
  const sockets = host && HOST_HEADER.test(host) ? ` ws://${host} wss://${host}` : '';
  return [
    "default-src 'self'",
    "script-src 'self' 'wasm-unsafe-eval'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self'${sockets}`,
    "worker-src 'self' blob:",
    "frame-src 'none'",
    "frame-ancestors 'none'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
  ].join('; ');
}
