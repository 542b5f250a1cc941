/**
 * Upload journeys off the happy path (issue 15 items 1, 2 and 7), driven in Chromium as a user would:
 * - a volume that cannot bind says why within seconds (the scheduler's "0/N nodes are available …" read from the
 *   claim's events) and what to do, with its link, also after leaving the page and after a reload;
 * - the seed's own flow: an upload DataVolume created by hand with kubectl (no storage class: it waits for its first
 *   consumer), chosen under "Existing upload DataVolume", force-bound with the user's consent, ends Succeeded with
 *   the exact bytes; failed cards offer Retry and Remove, and both work;
 * - a text file dropped as a disk image asks for confirmation before it goes as raw.
 *
 * Upstream facts relied on: CDI's `cdi.kubevirt.io/storage.bind.immediate.requested` annotation (what virtctl
 * image-upload --force-bind sets; kubevirt/containerized-data-importer pkg/controller/common/util.go
 * AnnImmediateBinding, pkg/virtctl in kubevirt/kubevirt pkg/virtctl/imageupload/imageupload.go) and the scheduler's
 * volume binding message "node(s) didn't find available persistent volumes to bind" (kubernetes/kubernetes
 * pkg/scheduler/framework/plugins/volumebinding/binder.go ErrReasonBindConflict).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { type UploadCard, UploadsPage } from './pages/uploads-page';
import { kubectl } from './support/cluster';
import { expect, test, waitForHost } from './support/fixtures';
import { expectSameImage, noise } from './support/uploads';

const DIR = path.resolve('test-results/journeys-images');
const NS = 'vm-images';

test.beforeAll(() => {
  mkdirSync(DIR, { recursive: true });
  noise(path.join(DIR, 'nofit.raw'), 2, 21);
  noise(path.join(DIR, 'seed-a.raw'), 2, 22);
  noise(path.join(DIR, 'seed-b.raw'), 2, 23);
  noise(path.join(DIR, 'six-1.raw'), 1, 24);
  noise(path.join(DIR, 'six-2.raw'), 1, 25);
  writeFileSync(
    path.join(DIR, 'notes.img'),
    'These are my notes, not a disk image.\n'.repeat(40_000),
  );
});

// The specs of one run share a sandbox with nine local PVs (an upload takes two: target and scratch): give the
// volumes back for the specs after this one.
test.afterAll(() => {
  kubectl([
    'delete',
    '-n',
    NS,
    '--ignore-not-found',
    'dv/e2e-nofit',
    'dv/e2e-seed-a',
    'dv/e2e-seed-b',
    'dv/e2e-notes',
    'dv/e2e-six-one',
  ]);
});

/** Chooses the namespace in the card's namespace field (typed, then picked from the list). */
async function chooseNamespace(c: UploadCard): Promise<void> {
  await c.chooseNamespace(NS);
  await expect(c.namespace).toHaveValue(NS);
}

/** An upload DataVolume as the seed creates it (6.12.3.5): upload source, ReadWriteOnce, no storage class. */
const seedDataVolume = (name: string): string =>
  JSON.stringify({
    apiVersion: 'cdi.kubevirt.io/v1beta1',
    kind: 'DataVolume',
    metadata: { name, namespace: NS },
    spec: {
      source: { upload: {} },
      pvc: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
    },
  });

const dvPhase = (name: string): string =>
  kubectl(['get', 'dv', '-n', NS, name, '-o', 'jsonpath={.status.phase}']);

/** Chooses the hand-made DataVolume under "Existing upload DataVolume" and gives the force-bind consent. */
async function chooseExisting(c: UploadCard, name: string): Promise<void> {
  await c.useExistingDataVolume();
  await chooseNamespace(c);
  await c.existing.selectOption(name);
  // It waits for its first consumer: nothing starts without the user's consent to force-bind it.
  await expect(c.problems).toContainText(
    `${name} waits for its first consumer: confirm force-binding it to upload into it.`,
  );
  await expect(c.start).toBeDisabled();
  await c.forceBindExisting.check();
  await expect(c.problems).toHaveCount(0);
}

test('a volume that cannot bind says why and what to do, after leaving the page and after a reload', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const name = 'e2e-nofit';
  const uploads = await UploadsPage.open(page);
  await uploads.chooseFiles(DIR, ['nofit.raw']);
  const c = uploads.card('nofit.raw');
  await chooseNamespace(c);
  // Larger than any local PV of the default class `local` (10Gi at most): no node has a volume that fits.
  await c.fillTarget({ name, size: '50Gi' });
  await c.start.click();

  const wait = c.volumeWait;
  await expect(wait.root).toHaveAttribute('data-cause', 'no-node');
  await expect(wait.detail).toContainText(
    /0\/\d+ nodes are available: .*didn't find available persistent volumes to bind/,
  );
  await expect(wait.createLocalVolume).toHaveAttribute('href', '/vm-disks/local-volumes/create');
  // Every byte reached the backend: the bar stays full while the volume waits.
  await expect(c.progressBar).toHaveAttribute('aria-valuenow', '100');

  // Leave the page and come back: the card still says why.
  await uploads.leaveAndComeBack();
  await expect(uploads.card('nofit.raw').volumeWait.root).toHaveAttribute('data-cause', 'no-node');

  // Reload: the card is gone, the unfinished-uploads row says the state in words, and why.
  await page.reload();
  await waitForHost(page);
  const row = uploads.unfinished('nofit.raw');
  const state = row.state;
  await expect(state).toContainText('Transferred, waiting for the volume');
  await expect(state).not.toContainText('waiting-for-volume');
  await expect(row.volumeWaitDetail).toContainText('nodes are available');
  kubectl(['delete', 'dv', '-n', NS, name, '--wait=false']);
});

test("the seed's own flow: a hand-made upload DataVolume is force-bound with consent and filled; failed cards offer Retry and Remove", async ({
  page,
}) => {
  test.setTimeout(240_000);
  const [a, b] = ['e2e-seed-a', 'e2e-seed-b'];
  for (const n of [a, b]) kubectl(['create', '-f', '-'], seedDataVolume(n));
  // No class: the default class `local` waits for a first consumer (PendingPopulation with CDI's populators).
  await expect.poll(() => dvPhase(a)).toMatch(/^(WaitForFirstConsumer|PendingPopulation)$/);

  const uploads = await UploadsPage.open(page);
  await uploads.chooseFiles(DIR, ['seed-a.raw', 'seed-b.raw']);
  const ca = uploads.card('seed-a.raw');
  const cb = uploads.card('seed-b.raw');
  await chooseExisting(ca, a);
  await chooseExisting(cb, b);
  // Hold the bytes until both DataVolumes are deleted: both uploads fail for real.
  let release: () => void = () => undefined;
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  await page.route('**/uploads/tus/*', async (route) => {
    if (route.request().method() === 'PATCH') await held;
    await route.continue();
  });
  await ca.start.click();
  await cb.start.click();
  await expect(ca.root).toHaveAttribute('data-phase', 'uploading');
  await expect(cb.root).toHaveAttribute('data-phase', 'uploading');
  // The consent was applied as virtctl --force-bind does.
  const annotations = (
    JSON.parse(kubectl(['get', 'dv', '-n', NS, a, '-o', 'json'])) as {
      metadata: { annotations?: Record<string, string> };
    }
  ).metadata.annotations;
  expect(Object.keys(annotations ?? {})).toContain(
    'cdi.kubevirt.io/storage.bind.immediate.requested',
  );
  kubectl(['delete', 'dv', '-n', NS, a, b, '--wait=true']);
  release();

  for (const c of [ca, cb]) {
    await expect(c.root).toHaveAttribute('data-phase', 'failed', { timeout: 120_000 });
    await expect(c.failure).toBeVisible();
    await expect(c.retry).toBeVisible();
    await expect(c.remove).toBeVisible();
  }
  // Remove drops the card (and the backend's copy: it is not listed as unfinished).
  await cb.remove.click();
  await expect(cb.root).toHaveCount(0);
  await expect(uploads.unfinished('seed-b.raw').root).toHaveCount(0);

  // Retry: the user creates the DataVolume again as the seed does, and the same card uploads into it.
  kubectl(['create', '-f', '-'], seedDataVolume(a));
  await ca.retry.click();
  await chooseExisting(ca, a);
  await ca.start.click();
  await expect(ca.done).toBeVisible({ timeout: 180_000 });
  expect(dvPhase(a)).toBe('Succeeded');
  expectSameImage(DIR, 'seed-a.raw', a);
});

test('a text file dropped as a disk image asks before going as raw; removing it leaves nothing', async ({
  page,
}) => {
  const uploads = await UploadsPage.open(page);
  await uploads.chooseFiles(DIR, ['notes.img']);
  const c = uploads.card('notes.img');
  await chooseNamespace(c);
  await c.fillTarget({ name: 'e2e-notes' });
  await expect(c.format).toHaveText('raw');
  await expect(c.problems).toContainText(
    'notes.img looks like a text file, not a disk image: confirm that it is a raw disk to upload it.',
  );
  const start = c.start;
  await expect(start).toBeDisabled();
  const confirm = c.textConfirm;
  await confirm.check();
  await expect(start).toBeEnabled();
  // The user changes their mind: unchecking blocks again, and Remove leaves nothing behind.
  await confirm.uncheck();
  await expect(start).toBeDisabled();
  await c.root.getByRole('button', { name: 'Remove' }).click();
  await expect(c.root).toHaveCount(0);
  expect(kubectl(['get', 'dv', '-n', NS, '--ignore-not-found', 'e2e-notes'])).toBe('');
  await expect(uploads.unfinished('notes.img').root).toHaveCount(0);
});

test('six files make six compact cards, each opened on demand, and the page stays short', async ({
  page,
}) => {
  const files = ['nofit.raw', 'seed-a.raw', 'seed-b.raw', 'notes.img', 'six-1.raw', 'six-2.raw'];
  const uploads = await UploadsPage.open(page);
  await uploads.chooseFiles(DIR, files);
  for (const f of files) {
    const c = uploads.card(f);
    await expect(c.root).toHaveAttribute('data-compact', 'true');
    await expect(c.summary).toHaveText('Choose the target');
    await expect(c.name).toBeHidden();
  }
  // The page scrolls in the console's main area: six cards fit in well under two windows.
  const heights = await page
    .locator('main')
    .first()
    .evaluate((el) => ({ scroll: el.scrollHeight, view: window.innerHeight }));
  expect(heights.scroll).toBeLessThan(heights.view * 2);

  // One card opens; the others stay compact; a typed name survives closing and opening again.
  const one = uploads.card('six-1.raw');
  const toggle = one.root.getByRole('button', { name: 'Details of six-1.raw' });
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
  await one.name.fill('e2e-six-one');
  await expect(uploads.card('six-2.raw').name).toBeHidden();
  await toggle.click();
  await expect(one.name).toBeHidden();
  await toggle.click();
  await expect(one.name).toHaveValue('e2e-six-one');
});

test('the namespace field stays the same input, with its value and focus, when the namespace list arrives', async ({
  page,
}) => {
  // Hold the namespace list until the user has typed: the field starts as free text.
  let release: () => void = () => undefined;
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  const isNamespaceList = (url: URL) =>
    url.pathname === '/api/kubernetes/api/v1/namespaces' && !url.searchParams.has('watch');
  await page.route(isNamespaceList, async (route) => {
    await held;
    await route.continue();
  });
  const uploads = await UploadsPage.open(page);
  await uploads.chooseFiles(DIR, ['six-1.raw']);
  const namespace = uploads.card('six-1.raw').namespace;
  await expect(namespace).toHaveAttribute('placeholder', 'Enter a namespace');
  // A mark on the element itself: it is gone if the field is replaced by another element.
  await namespace.evaluate((el) => {
    el.setAttribute('data-e2e-mark', 'kept');
  });
  await namespace.fill(NS);
  release();
  await expect(namespace).toHaveAttribute('placeholder', 'Select or enter a namespace');
  await expect(namespace).toHaveAttribute('data-e2e-mark', 'kept');
  await expect(namespace).toHaveValue(NS);
  await expect(namespace).toBeFocused();
});
