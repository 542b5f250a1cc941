import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { TOKEN_LIFETIME_SECONDS, UploadTokenSigner } from './token';

const dir = mkdtempSync(path.join(tmpdir(), 'upload-token-'));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('UploadTokenSigner', () => {
  it('issues a token for one PVC that a restarted signer still accepts', () => {
    const token = new UploadTokenSigner(dir).issue('vm-images', 'disk');
    const claims = new UploadTokenSigner(dir).verify(token);
    expect(claims).toMatchObject({
      ops: 'Upload',
      name: 'disk',
      namespace: 'vm-images',
      iss: 'cdi-apiserver',
    });
    expect(claims && claims.exp - claims.iat).toBe(TOKEN_LIFETIME_SECONDS);
  });

  it('rejects expired (past the 10 s leeway) and tampered tokens', () => {
    const signer = new UploadTokenSigner(dir);
    const now = 1_800_000_000;
    const token = signer.issue('vm-images', 'disk', now);
    expect(signer.verify(token, now + 300 + 9)).toBeDefined();
    expect(signer.verify(token, now + 300 + 11)).toBeUndefined();
    const [h, p, s] = token.split('.');
    const forged = Buffer.from(
      Buffer.from(p, 'base64url').toString().replace('disk', 'other'),
    ).toString('base64url');
    expect(signer.verify(`${h}.${forged}.${s}`, now)).toBeUndefined();
    const other = mkdtempSync(path.join(tmpdir(), 'upload-token-other-'));
    try {
      expect(new UploadTokenSigner(other).verify(token, now)).toBeUndefined();
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  });
});
