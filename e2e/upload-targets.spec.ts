/**
 * Upload targets other than the default new DataVolume, each ending with identical bytes: a new PVC with the
 * upload annotation (`virtctl image-upload pvc`), an existing upload DataVolume created with kubectl first
 * (`--no-create`), and a Block-mode DataVolume bound to a local block PV made with kubectl (the bytes are then
 * the PV's device file on the sandbox node).
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { type UploadCard, UploadsPage } from './pages/uploads-page';
import { kubectl } from './support/cluster';
import { expect, test } from './support/fixtures';
import { expectSameImage, noise, run, SANDBOX, volumeFile } from './support/uploads';

const DIR = path.resolve('test-results/upload-targets-images');

test.beforeAll(() => {
  mkdirSync(DIR, { recursive: true });
  noise(path.join(DIR, 'pvc-src.raw'), 10, 21);
  run('qemu-img', [
    'convert',
    '-f',
    'raw',
    '-O',
    'qcow2',
    path.join(DIR, 'pvc-src.raw'),
    path.join(DIR, 'to-pvc.qcow2'),
  ]);
  noise(path.join(DIR, 'to-existing.raw'), 9, 22);
  noise(path.join(DIR, 'to-block.raw'), 11, 23);
});

// The specs of one run share a sandbox with few local PVs: give them back (local PVs are wiped and offered
// again once released) so that later specs find storage.
test.afterAll(() => {
  kubectl([
    'delete',
    '-n',
    'vm-images',
    '--ignore-not-found',
    'dv/e2e-existing',
    'dv/e2e-to-block',
    'pvc/e2e-to-pvc',
  ]);
  kubectl(['delete', '--ignore-not-found', 'pv/e2e-upload-block-pv']);
});

async function pick(
  uploads: UploadsPage,
  file: string,
  namespace = 'vm-images',
): Promise<UploadCard> {
  await uploads.chooseFiles(DIR, [file]);
  const c = uploads.card(file);
  await expect(c.namespace).toBeVisible();
  if (namespace) await c.fillTarget({ namespace });
  return c;
}

async function expectDone(c: UploadCard): Promise<void> {
  await expect(c.checksum).toHaveText('SHA-256 verified', { timeout: 150_000 });
  await expect(c.done).toBeVisible({ timeout: 150_000 });
}

test('a new PVC with the upload annotation receives a qcow2 image', async ({ page }) => {
  test.setTimeout(180_000);
  const uploads = await UploadsPage.open(page);
  const c = await pick(uploads, 'to-pvc.qcow2', '');
  // The namespace is a typeahead of the namespaces the user may list; an unknown one is refused.
  const ns = c.namespace;
  await ns.fill('no-such-namespace');
  await expect(c.namespaceProblem).toContainText(
    'Namespace no-such-namespace does not exist: choose one from the list.',
  );
  await expect(c.start).toBeDisabled();
  await ns.fill('IMAGES');
  const options = uploads.namespaceOptions;
  await expect(options.getByRole('option')).toHaveText(['vm-images']);
  await options.getByRole('option', { name: 'vm-images' }).click();
  await expect(ns).toHaveValue('vm-images');
  await expect(c.namespaceProblem).toHaveCount(0);
  await c.root.getByRole('radio', { name: 'New PVC with the upload annotation' }).check();
  await c.fillTarget({ name: 'e2e-to-pvc', size: '64Mi' });
  await expect(c.virtctl).toHaveValue(
    /^virtctl image-upload pvc e2e-to-pvc --namespace=vm-images /,
  );
  await c.start.click();
  await expectDone(c);
  const pvc = JSON.parse(
    kubectl(['get', 'pvc', '-n', 'vm-images', 'e2e-to-pvc', '-o', 'json']),
  ) as {
    metadata: { annotations?: Record<string, string>; ownerReferences?: unknown[] };
  };
  expect(pvc.metadata.annotations).toHaveProperty(['cdi.kubevirt.io/storage.upload.target']);
  expect(pvc.metadata.ownerReferences ?? []).toEqual([]);
  expect(kubectl(['get', 'dv', '-n', 'vm-images', '-o', 'name'])).not.toContain('e2e-to-pvc');
  expectSameImage(DIR, 'to-pvc.qcow2', 'e2e-to-pvc');
});

test('an existing upload DataVolume created with kubectl receives the image', async ({ page }) => {
  test.setTimeout(180_000);
  kubectl(
    ['apply', '-f', '-'],
    JSON.stringify({
      apiVersion: 'cdi.kubevirt.io/v1beta1',
      kind: 'DataVolume',
      metadata: {
        name: 'e2e-existing',
        namespace: 'vm-images',
        annotations: { 'cdi.kubevirt.io/storage.bind.immediate.requested': 'true' },
      },
      spec: {
        source: { upload: {} },
        pvc: {
          accessModes: ['ReadWriteOnce'],
          volumeMode: 'Filesystem',
          resources: { requests: { storage: '64Mi' } },
        },
      },
    }),
  );
  const uploads = await UploadsPage.open(page);
  const c = await pick(uploads, 'to-existing.raw');
  await c.useExistingDataVolume();
  await c.existing.selectOption('e2e-existing');
  await expect(c.virtctl).toHaveValue(
    /^virtctl image-upload dv e2e-existing --namespace=vm-images .*--no-create$/,
  );
  await c.start.click();
  await expectDone(c);
  expect(
    kubectl(['get', 'dv', '-n', 'vm-images', 'e2e-existing', '-o', 'jsonpath={.status.phase}']),
  ).toBe('Succeeded');
  expectSameImage(DIR, 'to-existing.raw', 'e2e-existing');
});

test('a Block-mode DataVolume on a local block PV receives the image into the device', async ({
  page,
}) => {
  test.setTimeout(180_000);
  kubectl(
    ['apply', '-f', '-'],
    JSON.stringify({
      apiVersion: 'v1',
      kind: 'PersistentVolume',
      metadata: { name: 'e2e-upload-block-pv' },
      spec: {
        capacity: { storage: '96Mi' },
        volumeMode: 'Block',
        accessModes: ['ReadWriteOnce'],
        persistentVolumeReclaimPolicy: 'Retain',
        storageClassName: 'local',
        local: { path: '/dev/loop42' },
        nodeAffinity: {
          required: {
            nodeSelectorTerms: [
              {
                matchExpressions: [
                  { key: 'kubernetes.io/hostname', operator: 'In', values: ['worker-1'] },
                ],
              },
            ],
          },
        },
      },
    }),
  );
  const uploads = await UploadsPage.open(page);
  const c = await pick(uploads, 'to-block.raw');
  await c.fillTarget({ name: 'e2e-to-block' });
  await c.volumeMode.selectOption('Block');
  await c.fillTarget({ size: '64Mi' });
  await expect(c.virtctl).toHaveValue(/--volume-mode=block/);
  await c.start.click();
  await expectDone(c);
  expect(
    kubectl(['get', 'pvc', '-n', 'vm-images', 'e2e-to-block', '-o', 'jsonpath={.spec.volumeName}']),
  ).toBe('e2e-upload-block-pv');
  expect(volumeFile('e2e-to-block')).toBe(path.join(SANDBOX, 'nodes/worker-1/dev/loop42'));
  expectSameImage(DIR, 'to-block.raw', 'e2e-to-block');
});
