/**
 * Resume after a page reload: a raw image larger than one tus chunk (64 MiB) is uploaded; the network takes the
 * first chunk and then fails every later PATCH (Chromium's CDP throttling does not slow request bodies, so the
 * test cuts the connection instead), the page is reloaded mid-transfer, the Uploads page lists the unfinished upload, a different file is refused
 * with its cause, and the same file resumes from the offset the backend acknowledged (> 0) and ends with the
 * PV's disk.img equal to `qemu-img convert -O raw` of the source.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { UploadsPage } from './pages/uploads-page';
import { kubectl } from './support/cluster';
import { expect, test, waitForHost } from './support/fixtures';
import { expectSameImage, noise, run, sha256sum } from './support/uploads';

const DIR = path.resolve('test-results/upload-resume-images');
const UPLOADS_API = '/api/proxy/plugin/vm-disks-plugin/backend/api/v1/uploads';

test.beforeAll(() => {
  mkdirSync(DIR, { recursive: true });
  noise(path.join(DIR, 'resume-src.raw'), 72, 11);
  // The image as qemu-img writes it (what a user would upload), and an unrelated file to refuse.
  run('qemu-img', [
    'convert',
    '-f',
    'raw',
    '-O',
    'raw',
    path.join(DIR, 'resume-src.raw'),
    path.join(DIR, 'resume.raw'),
  ]);
  run('qemu-img', ['create', '-f', 'qcow2', path.join(DIR, 'other.qcow2'), '64M']);
  noise(path.join(DIR, 'same-size.raw'), 72, 12);
});

// The specs of one run share a sandbox with few local PVs: give the volume back for later specs.
test.afterAll(() => {
  kubectl(['delete', '-n', 'vm-images', '--ignore-not-found', 'dv/e2e-resume']);
});

interface Session {
  id: string;
  targetName: string;
  received: number;
  size: number;
  state: string;
  sha256?: string;
  verifiedSha256?: string;
}

const sessions = async (page: Page): Promise<Session[]> => {
  const r = await page.request.get(UPLOADS_API);
  expect(r.status()).toBe(200);
  return ((await r.json()) as { items: Session[] }).items;
};

test('after a reload mid-upload the same file resumes from the acknowledged offset; another file is refused', async ({
  page,
}) => {
  test.setTimeout(240_000);
  const uploads = await UploadsPage.open(page);

  // The network carries the first PATCH (one 64 MiB chunk) and resets every later one until the reload.
  let patches = 0;
  await page.route('**/uploads/tus/*', async (route) => {
    if (route.request().method() === 'PATCH' && ++patches > 1) {
      await route.abort('connectionreset');
      return;
    }
    await route.continue();
  });

  await uploads.chooseFiles(DIR, ['resume.raw']);
  const c = uploads.card('resume.raw');
  await expect(c.namespace).toBeVisible();
  await c.fillTarget({ namespace: 'vm-images', name: 'e2e-resume', size: '128Mi' });
  // Sessions of earlier runs may still be listed (the staging directory outlives the sandbox).
  const earlier = new Set((await sessions(page)).map((s) => s.id));
  await c.start.click();

  let staged: Session | undefined;
  await expect
    .poll(
      async () => {
        staged = (await sessions(page)).find(
          (s) => s.targetName === 'e2e-resume' && !earlier.has(s.id),
        );
        return staged?.received ?? 0;
      },
      // The DataVolume must become UploadReady and a 64 MiB chunk be hashed and sent first: on a loaded
      // machine that takes well over 30 s.
      { timeout: 120_000 },
    )
    .toBeGreaterThan(0);
  await page.reload();
  await waitForHost(page);
  await page.unrouteAll({ behavior: 'ignoreErrors' });
  const session = staged;
  if (!session) throw new Error('no upload session');
  expect(session.received).toBeLessThan(session.size);

  // The reloaded page lists the upload with what the backend holds.
  const row = uploads.unfinishedSession(session.id);
  await expect(row.root).toBeVisible();
  await expect(row.root).toContainText('resume.raw');
  await expect(row.root).toContainText('vm-images/e2e-resume');
  await expect(row.root).toContainText('of 72.0 MiB');
  const acknowledged = (await sessions(page)).find((s) => s.id === session.id)?.received ?? 0;
  expect(acknowledged).toBeGreaterThan(0);

  // Another file is refused, naming why.
  let chooser = page.waitForEvent('filechooser');
  await row.selectFile.click();
  await (await chooser).setFiles(path.join(DIR, 'other.qcow2'));
  await expect(uploads.resumeRefused).toContainText(
    /other\.qcow2 is not the file of this upload: it has [\d.]+ KiB, the upload is resume\.raw with 72\.0 MiB\./,
  );
  chooser = page.waitForEvent('filechooser');
  await row.selectFile.click();
  await (await chooser).setFiles(path.join(DIR, 'same-size.raw'));
  await expect(uploads.resumeRefused).toContainText(
    'same-size.raw is not the file of this upload: it has the size of resume.raw (72.0 MiB) but its first MiB differs.',
  );
  await expect(uploads.cards).toHaveCount(0);

  // The same file resumes: its first PATCH starts at the acknowledged offset, not at 0.
  const firstPatch = page.waitForRequest(
    (r) => r.method() === 'PATCH' && r.url().endsWith(`/tus/${session.id}`),
  );
  chooser = page.waitForEvent('filechooser');
  await row.selectFile.click();
  await (await chooser).setFiles(path.join(DIR, 'resume.raw'));
  const resumedFrom = Number((await firstPatch).headers()['upload-offset']);
  expect(resumedFrom).toBeGreaterThanOrEqual(acknowledged);
  expect(resumedFrom).toBeGreaterThan(0);

  await expect(uploads.card('resume.raw').done).toBeVisible({ timeout: 150_000 });
  expect(
    kubectl(['get', 'dv', '-n', 'vm-images', 'e2e-resume', '-o', 'jsonpath={.status.phase}']),
  ).toBe('Succeeded');
  expectSameImage(DIR, 'resume.raw', 'e2e-resume');
  // Every chunk, those of the first page too, carried a SHA-256 the backend verified: no whole-file hash came
  // from either page (no `sha256`), yet the last piece went (the backend waits for one unless every chunk was
  // checked), and the backend's SHA-256 of what it sent to CDI is the file's.
  const file = sha256sum(path.join(DIR, 'resume.raw'));
  await expect(uploads.card('resume.raw').checksum).toHaveText('SHA-256 verified');
  await expect(uploads.card('resume.raw').sha256).toHaveText(file);
  const done = (await sessions(page)).find((s) => s.id === session.id);
  expect(done?.verifiedSha256).toBe(file);
  expect(done?.sha256).toBeUndefined();
});
