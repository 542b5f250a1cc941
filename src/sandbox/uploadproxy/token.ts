import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Upload tokens as cdi-apiserver issues them: a signed JWT naming one PVC, operation `Upload`,
 * valid for 5 minutes, checked only when a request starts (10 s leeway). The signing key lives in
 * the data directory so tokens survive a sandbox restart.
 */
export const TOKEN_LIFETIME_SECONDS = 5 * 60;
const LEEWAY_SECONDS = 10;

export interface UploadTokenClaims {
  iss: string;
  iat: number;
  nbf: number;
  exp: number;
  ops: string;
  name: string;
  namespace: string;
  resource: { group: string; version: string; resource: string };
}

const b64 = (v: Buffer | string) => Buffer.from(v).toString('base64url');

export class UploadTokenSigner {
  private readonly key: Buffer;

  constructor(dataDir: string) {
    const dir = path.join(dataDir, 'world');
    const file = path.join(dir, 'upload-token.key');
    let key: Buffer;
    try {
      key = readFileSync(file);
    } catch {
      mkdirSync(dir, { recursive: true });
      key = randomBytes(32);
      writeFileSync(file, key, { mode: 0o600 });
    }
    this.key = key;
  }

  private sign(data: string): string {
    return createHmac('sha256', this.key).update(data).digest('base64url');
  }

  issue(namespace: string, pvcName: string, now = Math.floor(Date.now() / 1000)): string {
    const claims: UploadTokenClaims = {
      iss: 'cdi-apiserver',
      iat: now,
      nbf: now,
      exp: now + TOKEN_LIFETIME_SECONDS,
      ops: 'Upload',
      name: pvcName,
      namespace,
      resource: { group: '', version: 'v1', resource: 'persistentvolumeclaims' },
    };
    const head = `${b64(JSON.stringify({ alg: 'HS256', typ: 'JWT' }))}.${b64(JSON.stringify(claims))}`;
    return `${head}.${this.sign(head)}`;
  }

  /** The token's claims, or undefined when the signature is bad or it has expired. */
  verify(token: string, now = Math.floor(Date.now() / 1000)): UploadTokenClaims | undefined {
    const parts = token.split('.');
    if (parts.length !== 3) return undefined;
    const [h = '', p = '', s = ''] = parts;
    const expected = Buffer.from(this.sign(`${h}.${p}`));
    const actual = Buffer.from(s);
    if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) return undefined;
    try {
      const claims = JSON.parse(Buffer.from(p, 'base64url').toString('utf8')) as UploadTokenClaims;
      if (claims.exp + LEEWAY_SECONDS < now || claims.nbf - LEEWAY_SECONDS > now) return undefined;
      return claims;
    } catch {
      return undefined;
    }
  }
}
