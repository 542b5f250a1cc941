/**
 * The uploads contract (src/lib/uploads-contract.ts) through real HTTP on the embedded sandbox: the routes
 * refuse what the schemas refuse with a body naming the field, and their replies are exactly the contract's
 * views (the session's bookkeeping stays in the backend).
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { Value } from 'typebox/value';
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import {
  CancelReplySchema,
  StagingQuotaViewSchema,
  UploadListSchema,
  UploadViewSchema,
  type ErrorBody,
  type UploadView,
} from '../../lib/uploads-contract';
import type { UploadSession } from './session-types';
import {
  api,
  NS,
  startUploadWorld,
  uploadDataVolume,
  type UploadWorld,
} from './testing/upload-world';

let w: UploadWorld;
let id = '';
const INTERNAL = ['everyChunkChecked', 'targetUsableBytes', 'targetDescription'];

const b64 = (s: string) => Buffer.from(s).toString('base64');

beforeAll(async () => {
  w = await startUploadWorld();
  const dv = await w.kube(
    'developer',
    'POST',
    `/apis/cdi.kubevirt.io/v1beta1/namespaces/${NS}/datavolumes`,
    uploadDataVolume('contract-dv', '1Gi'),
  );
  expect(dv.status).toBe(201);
  const metadata = Object.entries({
    namespace: NS,
    targetKind: 'new-dv',
    targetName: 'contract-dv',
    filename: 'c.raw',
    fingerprint: 'fp-contract',
  })
    .map(([k, v]) => `${k} ${b64(v)}`)
    .join(',');
  const created = await fetch(`${w.base}/api/v1/uploads/tus/`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${w.token('developer')}`,
      'tus-resumable': '1.0.0',
      'upload-length': String(1024 * 1024),
      'upload-metadata': metadata,
    },
  });
  expect(created.status).toBe(201);
  id = (created.headers.get('location') ?? '').split('/').pop() ?? '';
  expect(id).toMatch(/^[a-f0-9]{32}$/);
}, 60_000);
afterAll(async () => {
  await w.close();
});

describe('uploads contract over HTTP', () => {
  it('the backend session is the contract view plus internal fields (type level)', () => {
    expectTypeOf<UploadSession>().toExtend<UploadView>();
    expectTypeOf<UploadSession['targetUsableBytes']>().toEqualTypeOf<number | undefined>();
    expectTypeOf<UploadView>().not.toHaveProperty('targetUsableBytes');
    expectTypeOf<UploadView>().not.toHaveProperty('everyChunkChecked');
  });

  it('GET one upload answers the contract view without internal bookkeeping', async () => {
    // The stored session has them (so the serialiser, not a missing field, keeps them out).
    const stored = JSON.parse(
      await readFile(path.join(w.stagingDir, 'sessions', `${id}.json`), 'utf8'),
    ) as Record<string, unknown>;
    expect(stored.everyChunkChecked).toBe(true);
    expect(typeof stored.targetUsableBytes).toBe('number');
    const res = await api<Record<string, unknown>>(w, 'developer', 'GET', `/uploads/${id}`);
    expect(res.status).toBe(200);
    expect(Value.Check(UploadViewSchema, res.body)).toBe(true);
    for (const field of INTERNAL) expect(res.body).not.toHaveProperty(field);
    expect(res.body).toMatchObject({
      id,
      owner: 'developer',
      namespace: NS,
      targetName: 'contract-dv',
    });
  });

  it('the list and the quota answer their contract views', async () => {
    const list = await api<{ items: Record<string, unknown>[] }>(w, 'developer', 'GET', '/uploads');
    expect(list.status).toBe(200);
    expect(Value.Check(UploadListSchema, list.body)).toBe(true);
    expect(list.body.items.map((s) => s.id)).toContain(id);
    for (const item of list.body.items)
      for (const f of INTERNAL) expect(item).not.toHaveProperty(f);
    const quota = await api(w, 'developer', 'GET', `/uploads/quota?namespace=${NS}`);
    expect(quota.status).toBe(200);
    expect(Value.Check(StagingQuotaViewSchema, quota.body)).toBe(true);
  });

  it('a bad or missing checksum body is refused with 400 naming the field', async () => {
    const bad = await api<ErrorBody>(w, 'developer', 'PUT', `/uploads/${id}/checksum`, {
      sha256: 'XYZ',
    });
    expect(bad.status).toBe(400);
    expect(bad.body).toEqual({ error: 'sha256 must be 64 lower-case hex digits' });
    const missing = await api<ErrorBody>(w, 'developer', 'PUT', `/uploads/${id}/checksum`, {
      sha: 'a'.repeat(64),
    });
    expect(missing.status).toBe(400);
    expect(missing.body.error).toMatch(/sha256/);
    const notJson = await api<ErrorBody>(w, 'developer', 'PUT', `/uploads/${id}/checksum`, 'text');
    expect(notJson.status).toBe(400);
    expect(notJson.body.error).toMatch(/^body /);
  });

  it('a bad namespace in the quota query is refused naming the namespace', async () => {
    const res = await api<ErrorBody>(w, 'developer', 'GET', '/uploads/quota?namespace=Not_A_Name');
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ error: 'namespace "Not_A_Name" is not a valid namespace name' });
  });

  it("someone else's upload is 404 with an error body", async () => {
    const res = await api<ErrorBody>(w, 'viewer', 'GET', `/uploads/${id}`);
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ error: 'upload not found' });
  });

  it('DELETE answers the cancelled upload as a contract view', async () => {
    const res = await fetch(`${w.base}/api/v1/uploads/${id}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${w.token('developer')}` },
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, unknown>;
    expect(Value.Check(CancelReplySchema, body)).toBe(true);
    expect(body.state).toBe('cancelled');
    for (const field of INTERNAL) expect(body).not.toHaveProperty(field);
  });
});
