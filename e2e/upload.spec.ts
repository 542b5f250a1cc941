/**
 * Disk image upload from the browser into the sandbox: a qcow2.xz, an ISO and a raw image made at test time
 * (qemu-img) are dropped on the Uploads page together, each gets its DataVolume, and each PV's disk.img must
 * equal `qemu-img convert -O raw` of the source. The browser↔backend connection is cut several times during one
 * upload and it still ends identical. Every refusal of bad input is shown before any byte moves.
 * (Backend restarts and a failing CDI leg are covered by src/server/uploads/uploads-faults.test.ts.)
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { makeIso } from '../src/lib/image-inspection/testing/iso9660';
import { type UploadCard, UploadsPage } from './pages/uploads-page';
import { kubectl } from './support/cluster';
import { expect, test } from './support/fixtures';
import { expectSameImage, noise, run, sha256sum } from './support/uploads';

const DIR = path.resolve('test-results/upload-images');

test.beforeAll(() => {
  mkdirSync(DIR, { recursive: true });
  noise(path.join(DIR, 'guest.raw'), 12, 3);
  run('qemu-img', [
    'convert',
    '-f',
    'raw',
    '-O',
    'qcow2',
    path.join(DIR, 'guest.raw'),
    path.join(DIR, 'guest.qcow2'),
  ]);
  run('xz', ['-f', '-k', '-T1', '-1', path.join(DIR, 'guest.qcow2')]);
  writeFileSync(path.join(DIR, 'install.iso'), makeIso('E2E_INSTALL', 3000, 9));
  run('qemu-img', ['create', '-f', 'raw', path.join(DIR, 'plain.raw'), '6M']);
  noise(path.join(DIR, 'flaky.raw'), 24, 5);
  // bad inputs
  run('qemu-img', ['create', '-f', 'qcow2', path.join(DIR, 'base.qcow2'), '64M']);
  run('qemu-img', [
    'create',
    '-f',
    'qcow2',
    '-F',
    'qcow2',
    '-b',
    path.join(DIR, 'base.qcow2'),
    path.join(DIR, 'overlay.qcow2'),
  ]);
  writeFileSync(path.join(DIR, 'empty.img'), '');
  run('tar', ['-C', DIR, '-cf', path.join(DIR, 'bundle.tar'), 'plain.raw']);
  run('qemu-img', ['create', '-f', 'qcow2', path.join(DIR, 'big.qcow2'), '20G']);
});

async function fillTarget(c: UploadCard, name: string, size?: string): Promise<void> {
  // More than three files: each card is compact until opened.
  await c.expand();
  await c.fillTarget({ namespace: 'vm-images', name });
  await expect(c.namespace).toHaveValue('vm-images');
  if (size) await c.fillTarget({ size });
}

test('uploads a qcow2.xz, an ISO and a raw image at once; each disk.img equals the converted source', async ({
  page,
}) => {
  test.setTimeout(240_000);
  // Every chunk is sent with the SHA-256 of its bytes (tus checksum extension, algorithm sha256; ARCHITECTURE.md
  // §6), computed in the worker; the page hashes no whole file. The SHA-256 on the card is the backend's, of the
  // bytes it sent to CDI: it must equal `sha256sum` of the file.
  const checksums: (string | undefined)[] = [];
  page.on('request', (r) => {
    if (r.method() === 'PATCH' && r.url().includes('/uploads/tus/'))
      checksums.push(r.headers()['upload-checksum']);
  });
  const uploads = await UploadsPage.open(page);
  await uploads.chooseFiles(DIR, ['guest.qcow2.xz', 'install.iso', 'plain.raw']);
  const targets: [string, string][] = [
    ['guest.qcow2.xz', 'e2e-guest'],
    ['install.iso', 'e2e-iso'],
    ['plain.raw', 'e2e-raw'],
  ];
  for (const [file, name] of targets) {
    const c = uploads.card(file);
    await fillTarget(c, name, '64Mi');
    await expect(c.virtctl).toHaveValue(
      new RegExp(`^virtctl image-upload dv ${name} --namespace=vm-images --image-path=`),
    );
    await c.start.click();
  }
  for (const [file, name] of targets) {
    const c = uploads.card(file);
    await expect(c.checksum).toHaveText('SHA-256 verified', { timeout: 180_000 });
    await expect(c.done).toBeVisible({ timeout: 180_000 });
    expect(kubectl(['get', 'dv', '-n', 'vm-images', name, '-o', 'jsonpath={.status.phase}'])).toBe(
      'Succeeded',
    );
    expectSameImage(DIR, file, name);
    await expect(c.sha256).toHaveText(sha256sum(path.join(DIR, file)));
  }
  expect(checksums.length).toBeGreaterThanOrEqual(targets.length);
  for (const header of checksums) expect(header).toMatch(/^sha256 [A-Za-z0-9+/]{43}=$/);
  // Formats were detected from the content (inside the xz wrapper too).
  await expect(uploads.card('install.iso').format).toHaveText('ISO 9660');
  await expect(uploads.card('plain.raw').format).toHaveText('raw');
  await expect(uploads.card('guest.qcow2.xz').format).toHaveText('qcow2 v3 (xz)');
});

test('the connection to the backend drops three times during an upload; it resumes and ends identical', async ({
  page,
}) => {
  test.setTimeout(240_000);
  const uploads = await UploadsPage.open(page);
  let cuts = 0;
  await page.route('**/uploads/tus/*', async (route) => {
    if (route.request().method() === 'PATCH' && cuts < 3) {
      cuts += 1;
      await route.abort('connectionreset');
      return;
    }
    await route.continue();
  });
  await uploads.chooseFiles(DIR, ['flaky.raw']);
  const c = uploads.card('flaky.raw');
  await fillTarget(c, 'e2e-flaky');
  await c.start.click();
  await expect(c.done).toBeVisible({ timeout: 200_000 });
  expect(cuts).toBe(3);
  expectSameImage(DIR, 'flaky.raw', 'e2e-flaky');
});

test('refuses bad input before any byte moves, naming the cause and the fix', async ({ page }) => {
  const uploads = await UploadsPage.open(page);
  await uploads.chooseFiles(DIR, [
    'overlay.qcow2',
    'empty.img',
    'bundle.tar',
    'big.qcow2',
    'plain.raw',
  ]);
  const card = (file: string): UploadCard => uploads.card(file);
  const problems = (file: string) => card(file).problems;

  await fillTarget(card('overlay.qcow2'), 'bad-overlay');
  await expect(problems('overlay.qcow2')).toContainText('has a backing file');
  await expect(problems('overlay.qcow2')).toContainText('flatten it with qemu-img convert');

  await fillTarget(card('empty.img'), 'bad-empty');
  await expect(problems('empty.img')).toContainText('The file is empty (0 bytes)');

  await fillTarget(card('bundle.tar'), 'bad-tar');
  await expect(problems('bundle.tar')).toContainText('A tar archive is not a disk image');
  await card('bundle.tar').volumeMode.selectOption('Block');
  await expect(problems('bundle.tar')).toContainText('cannot go to a Block volume');

  await fillTarget(card('big.qcow2'), 'bad-big', '10Gi');
  await expect(problems('big.qcow2')).toContainText('The disk is too small');
  await expect(problems('big.qcow2')).toContainText('Use at least 22Gi');

  await fillTarget(card('plain.raw'), 'Bad_Name');
  await expect(problems('plain.raw')).toContainText('"Bad_Name" is not a valid name');

  for (const file of ['overlay.qcow2', 'empty.img', 'bundle.tar', 'big.qcow2', 'plain.raw']) {
    await expect(card(file).start).toBeDisabled();
  }
  // nothing was created
  expect(kubectl(['get', 'dv', '-n', 'vm-images', '-o', 'name'])).not.toMatch(/bad-/);
});

test('a user without rights in the namespace is told which permission is missing', async ({
  page,
}) => {
  const uploads = await UploadsPage.open(page, 'viewer');
  await uploads.chooseFiles(DIR, ['plain.raw']);
  const c = uploads.card('plain.raw');
  await fillTarget(c, 'viewer-disk');
  await expect(c.problems).toContainText('You may not create DataVolumes in vm-images');
  await expect(c.problems).toContainText('You may not create UploadTokenRequests in vm-images');
  await expect(c.start).toBeDisabled();
});
