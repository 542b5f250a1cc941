/**
 * An upload is visible to, resumable by and deletable by its owner only: another user (even the cluster
 * admin) gets 404 for every way of reaching it, through the bridge stand-in's plugin proxy as the browser
 * sends it, and the upload stays as it was. Every answer carries the security headers.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Answer } from '../support/http';
import { BACKEND, BrowserSession, startStack, type Stack } from '../support/stack';
import { createUpload, createUploadDataVolume, TUS_PATH, uploadIdOf } from '../support/tus';

let stack: Stack;
let admin: BrowserSession;
let developer: BrowserSession;
let viewer: BrowserSession;
const answers: { what: string; answer: Answer }[] = [];

function seen(what: string, answer: Answer): Answer {
  answers.push({ what, answer });
  return answer;
}

beforeAll(async () => {
  stack = await startStack();
  admin = await new BrowserSession(stack.base).loginAs('admin');
  developer = await new BrowserSession(stack.base).loginAs('developer');
  viewer = await new BrowserSession(stack.base).loginAs('viewer');
});

afterAll(async () => {
  await stack.close();
});

describe('an upload belongs to its owner only', () => {
  let id: string;
  beforeAll(async () => {
    expect(seen('DV create', await createUploadDataVolume(developer, 'owned-upload')).status).toBe(
      201,
    );
    const created = seen(
      'tus create',
      await createUpload(developer, { targetName: 'owned-upload', size: 4096 }),
    );
    expect(created.status).toBe(201);
    id = uploadIdOf(created);
  });

  it('the owner sees it', async () => {
    const res = seen(
      'owner GET',
      await developer.request('GET', `${BACKEND}/api/v1/uploads/${id}`),
    );
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toMatchObject({ id, owner: 'developer' });
  });

  for (const who of ['viewer', 'admin'] as const) {
    it(`${who} cannot read, list, resume, checksum or delete it (404, and it stays)`, async () => {
      const other = who === 'admin' ? admin : viewer;
      const checks: [string, Answer][] = [
        ['GET', await other.request('GET', `${BACKEND}/api/v1/uploads/${id}`)],
        [
          'HEAD tus',
          await other.request('HEAD', `${TUS_PATH}/${id}`, undefined, { 'tus-resumable': '1.0.0' }),
        ],
        [
          'PATCH tus',
          await other.request('PATCH', `${TUS_PATH}/${id}`, Buffer.alloc(16, 7), {
            'tus-resumable': '1.0.0',
            'upload-offset': '0',
            'content-type': 'application/offset+octet-stream',
          }),
        ],
        [
          'PUT checksum',
          await other.request('PUT', `${BACKEND}/api/v1/uploads/${id}/checksum`, {
            sha256: 'a'.repeat(64),
          }),
        ],
        [
          'DELETE tus',
          await other.request('DELETE', `${TUS_PATH}/${id}`, undefined, {
            'tus-resumable': '1.0.0',
          }),
        ],
        ['DELETE', await other.request('DELETE', `${BACKEND}/api/v1/uploads/${id}`)],
      ];
      for (const [what, res] of checks) {
        seen(`${who} ${what}`, res);
        expect({ what, status: res.status }).toEqual({ what, status: 404 });
      }
      const list = seen(`${who} list`, await other.request('GET', `${BACKEND}/api/v1/uploads`));
      expect(list.status).toBe(200);
      expect(list.body).not.toContain(id);
      const still = seen(
        'owner HEAD',
        await developer.request('HEAD', `${TUS_PATH}/${id}`, undefined, {
          'tus-resumable': '1.0.0',
        }),
      );
      expect(still.status).toBe(200);
      expect(still.headers['upload-offset']).toBe('0');
    });
  }

  it('the owner can delete it', async () => {
    const res = seen(
      'owner DELETE',
      await developer.request('DELETE', `${BACKEND}/api/v1/uploads/${id}`),
    );
    expect(res.status).toBe(200);
  });
});

it('every answer carried the security headers', () => {
  expect(answers.length).toBeGreaterThan(10);
  const missing = answers
    .filter(
      ({ answer }) =>
        answer.headers['x-content-type-options'] !== 'nosniff' ||
        answer.headers['x-frame-options'] !== 'DENY',
    )
    .map(({ what }) => what);
  expect(missing).toEqual([]);
});
