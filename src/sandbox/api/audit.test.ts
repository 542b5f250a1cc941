import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { apiClient, startBareSandbox, tokenOf } from '../test-support/bare-sandbox';
import { AUDIT_LOG_FILE, parseAuditLog } from './audit';

type Sandbox = Awaited<ReturnType<typeof startBareSandbox>>;
let sb: Sandbox;

beforeAll(async () => {
  sb = await startBareSandbox();
});

afterAll(async () => {
  await sb.dispose();
});

const waitForAudit = async (match: (text: string) => boolean): Promise<string> => {
  const file = join(sb.dataDir, AUDIT_LOG_FILE);
  // Until the record is there: bounded by the test's timeout, not by an idle machine's speed.
  for (;;) {
    const text = await readFile(file, 'utf8').catch(() => '');
    if (match(text)) return text;
    await new Promise((r) => setTimeout(r, 20));
  }
};

it('records who did what, with the answer, and never a token', async () => {
  const admin = apiClient(sb.url, sb.adminToken);
  const developer = apiClient(sb.url, tokenOf(sb, 'developer'));
  const anonymous = apiClient(sb.url, undefined);
  const created = await admin.post('/api/v1/namespaces/default/configmaps', {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'audited' },
  });
  expect(created.status).toBe(201);
  const denied = await developer.get('/api/v1/persistentvolumes');
  expect(denied.status).toBe(403);
  expect((await anonymous.get('/api/v1/namespaces')).status).toBe(401);
  const text = await waitForAudit((t) => t.includes('"code":401'));
  const records = parseAuditLog(text);
  expect(records).toContainEqual(
    expect.objectContaining({
      user: 'admin',
      verb: 'create',
      resource: 'configmaps',
      namespace: 'default',
      code: 201,
    }),
  );
  expect(records).toContainEqual(
    expect.objectContaining({
      user: 'developer',
      verb: 'list',
      resource: 'persistentvolumes',
      code: 403,
    }),
  );
  expect(records).toContainEqual(expect.objectContaining({ user: '', code: 401 }));
  for (const user of sb.users) expect(text).not.toContain(user.token);
});
