/**
 * Sparse-aware upload (issue 14): raw images made with `truncate` and a few `dd` writes of random data are
 * uploaded through the Uploads page in Chromium. The page declares their all-zero blocks instead of sending
 * them (tus extension vm-disks-zero-ranges, src/server/uploads/README.md): (a) the volume ends byte-exact and
 * the backend counts the declared zeros; (b) an upload cut after its first chunk and resumed after a reload
 * (the same file selected again) continues across the holes from the backend's offset and ends byte-exact.
 * Each PATCH carries the SHA-256 of its body only (the zeros are implied); the SHA-256 the card shows is the
 * backend's, of the logical bytes it sent to CDI (holes included), and equals `sha256sum` of the file.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { UploadsPage } from './pages/uploads-page';
import { kubectl } from './support/cluster';
import { expect, test, waitForHost } from './support/fixtures';
import { expectSameImage, run, sha256sum } from './support/uploads';

const DIR = path.resolve('test-results/upload-sparse-images');
const UPLOADS_API = '/api/proxy/plugin/vm-disks-plugin/backend/api/v1/uploads';
const MiB = 1024 * 1024;
const SPARSE_CONTENT_TYPE = 'application/vnd.vm-disks.sparse-octet-stream';

/** A sparse raw image of `mib` MiB with random data at `writes` ([offset KiB, length KiB]). */
function sparseImage(file: string, mib: number, writes: [number, number][]): void {
  run('truncate', ['-s', `${mib}M`, file]);
  for (const [at, length] of writes) {
    run('dd', [
      'if=/dev/urandom',
      `of=${file}`,
      'bs=64K',
      `seek=${at / 64}`,
      `count=${length / 64}`,
      'conv=notrunc',
      'status=none',
    ]);
  }
}

test.beforeAll(() => {
  mkdirSync(DIR, { recursive: true });
  // 40 MiB: data at the start, a 64 KiB island, a block straddling 16 MiB, and the last 64 KiB.
  sparseImage(path.join(DIR, 'sparse.raw'), 40, [
    [0, 1024],
    [5 * 1024, 64],
    [16 * 1024 - 64, 128],
    [40 * 1024 - 64, 64],
  ]);
  // 72 MiB (two tus chunks): data on both sides of the 64 MiB chunk boundary, holes in between.
  sparseImage(path.join(DIR, 'sparse-resume.raw'), 72, [
    [0, 512],
    [30 * 1024, 256],
    [64 * 1024 - 64, 128],
    [70 * 1024, 64],
  ]);
});

// The specs of one run share a sandbox with few local PVs: give the volumes back for later specs.
test.afterAll(() => {
  kubectl([
    'delete',
    '-n',
    'vm-images',
    '--ignore-not-found',
    'dv/e2e-sparse',
    'dv/e2e-sparse-resume',
  ]);
});

interface Session {
  id: string;
  targetName: string;
  received: number;
  size: number;
  zeroBytes?: number;
  sha256?: string;
  verifiedSha256?: string;
}

const sessions = async (page: Page): Promise<Session[]> => {
  const r = await page.request.get(UPLOADS_API);
  expect(r.status()).toBe(200);
  return ((await r.json()) as { items: Session[] }).items;
};

async function startUpload(
  page: Page,
  uploads: UploadsPage,
  file: string,
  name: string,
): Promise<Set<string>> {
  await uploads.chooseFiles(DIR, [file]);
  const c = uploads.card(file);
  await expect(c.namespace).toBeVisible();
  await c.fillTarget({ namespace: 'vm-images', name, size: '128Mi' });
  // Sessions of earlier runs may still be listed (the staging directory outlives the sandbox).
  const earlier = new Set((await sessions(page)).map((s) => s.id));
  await c.start.click();
  return earlier;
}

test('a sparse raw image goes with its zeros declared, not sent, and lands byte-exact', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const uploads = await UploadsPage.open(page);
  const sparsePatch = page.waitForRequest(
    (r) => r.method() === 'PATCH' && r.headers()['content-type'] === SPARSE_CONTENT_TYPE,
  );
  const earlier = await startUpload(page, uploads, 'sparse.raw', 'e2e-sparse');
  const patch = await sparsePatch;
  expect(patch.headers()['upload-zero-ranges']).toMatch(/^\d+\+\d+(,\d+\+\d+)*$/);
  expect(patch.headers()['upload-checksum']).toMatch(/^sha256 [A-Za-z0-9+/]{43}=$/);

  await expect(uploads.card('sparse.raw').done).toBeVisible({ timeout: 150_000 });
  expectSameImage(DIR, 'sparse.raw', 'e2e-sparse');
  const session = (await sessions(page)).find(
    (s) => s.targetName === 'e2e-sparse' && !earlier.has(s.id),
  );
  // 40 MiB less the 1 MiB + 64 KiB + 128 KiB + 64 KiB written with dd.
  expect(session?.zeroBytes).toBe(40 * MiB - (1024 + 64 + 128 + 64) * 1024);
  await expect(uploads.card('sparse.raw').sha256).toHaveText(
    sha256sum(path.join(DIR, 'sparse.raw')),
  );
});

test('a sparse image cut after its first chunk resumes after a reload across the holes, byte-exact', async ({
  page,
}) => {
  test.setTimeout(240_000);
  const uploads = await UploadsPage.open(page);
  // The network carries the first PATCH (one 64 MiB chunk, mostly declared zeros) and resets later ones.
  let patches = 0;
  await page.route('**/uploads/tus/*', async (route) => {
    if (route.request().method() === 'PATCH' && ++patches > 1) {
      await route.abort('connectionreset');
      return;
    }
    await route.continue();
  });
  const earlier = await startUpload(page, uploads, 'sparse-resume.raw', 'e2e-sparse-resume');
  let staged: Session | undefined;
  await expect
    .poll(
      async () => {
        staged = (await sessions(page)).find(
          (s) => s.targetName === 'e2e-sparse-resume' && !earlier.has(s.id),
        );
        return staged?.received ?? 0;
      },
      { timeout: 120_000 },
    )
    .toBe(64 * MiB);
  await page.reload();
  await waitForHost(page);
  await page.unrouteAll({ behavior: 'ignoreErrors' });
  const session = staged;
  if (!session) throw new Error('no upload session');

  const row = uploads.unfinishedSession(session.id);
  await expect(row.root).toBeVisible();
  const firstPatch = page.waitForRequest(
    (r) => r.method() === 'PATCH' && r.url().endsWith(`/tus/${session.id}`),
  );
  const chooser = page.waitForEvent('filechooser');
  await row.selectFile.click();
  await (await chooser).setFiles(path.join(DIR, 'sparse-resume.raw'));
  // The resumed PATCH starts at the backend's offset, past the first chunk's holes.
  expect(Number((await firstPatch).headers()['upload-offset'])).toBe(64 * MiB);

  await expect(uploads.card('sparse-resume.raw').done).toBeVisible({ timeout: 150_000 });
  expectSameImage(DIR, 'sparse-resume.raw', 'e2e-sparse-resume');
  const done = (await sessions(page)).find((s) => s.id === session.id);
  expect(done?.zeroBytes).toBe(72 * MiB - (512 + 256 + 128 + 64) * 1024);
  // Both pages' chunks carried a verified SHA-256: no whole-file hash from the page (the backend would have
  // waited for one, in `verifying`, had a chunk gone unchecked).
  expect(done?.verifiedSha256).toBe(sha256sum(path.join(DIR, 'sparse-resume.raw')));
  expect(done?.sha256).toBeUndefined();
});
