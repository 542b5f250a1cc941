/**
 * An upload through CDI's volume populator on `current`: the target class's provisioner has a CSIDriver (HPP's
 * `kubevirt.io.hostpath-provisioner`, registered by the HPP operator once its CR exists), so CDI v1.66 gives the
 * DataVolume's PVC a `dataSourceRef` to a VolumeUploadSource and does the work on a `prime-<pvc uid>` PVC
 * (kubevirt/containerized-data-importer `pkg/controller/datavolume/controller-base.go` `shouldUseCDIPopulator`,
 * `pkg/controller/populators/populator-base.go` `createPVCPrime`, `pkg/uploadproxy/uploadproxy.go`
 * `getPopulationPVC`). The bytes must end up exact in the target volume (`<pool>/csi/<pv>` on the node).
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { BlankDiskPage } from './pages/blank-disk-page';
import { UploadsPage } from './pages/uploads-page';
import { kubectl } from './support/cluster';
import { expect, test } from './support/fixtures';
import { csiVolumeFile, expectSameImage, noise, run } from './support/uploads';

const DIR = path.resolve('test-results/upload-populator-images');
const CLASS = 'e2e-hpp-csi';
const POOL_PATH = '/var/hpvolumes-e2e';
const NAME = 'e2e-populated';
const BLANK = 'e2e-populated-blank';

const HPP = `apiVersion: hostpathprovisioner.kubevirt.io/v1beta1
kind: HostPathProvisioner
metadata:
  name: hostpath-provisioner
spec:
  imagePullPolicy: IfNotPresent
  storagePools:
    - name: e2e
      path: ${POOL_PATH}
  workload:
    nodeSelector:
      kubernetes.io/os: linux
---
apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata:
  name: ${CLASS}
provisioner: kubevirt.io.hostpath-provisioner
reclaimPolicy: Delete
volumeBindingMode: WaitForFirstConsumer
parameters:
  storagePool: e2e
`;

const events = (name: string): string =>
  kubectl([
    'get',
    'events',
    '-n',
    'vm-images',
    '--field-selector',
    `involvedObject.name=${name}`,
    '-o',
    'jsonpath={range .items[*]}{.reason}{"\\n"}{end}',
  ]);

test.beforeAll(() => {
  if ((test.info().project.metadata as { profile?: unknown }).profile === 'legacy') return;
  mkdirSync(DIR, { recursive: true });
  noise(path.join(DIR, 'populated.raw'), 16, 41);
  run('qemu-img', [
    'convert',
    '-f',
    'raw',
    '-O',
    'qcow2',
    path.join(DIR, 'populated.raw'),
    path.join(DIR, 'populated.qcow2'),
  ]);
  kubectl(['apply', '-f', '-'], HPP);
  kubectl([
    'wait',
    '--for=condition=Available',
    'hostpathprovisioner/hostpath-provisioner',
    '--timeout=120s',
  ]);
  // The operator registers the CSI driver: from now on CDI uses populators for the class.
  expect(
    kubectl(['get', 'csidriver', 'kubevirt.io.hostpath-provisioner', '-o', 'name']).trim(),
  ).toBe('csidriver.storage.k8s.io/kubevirt.io.hostpath-provisioner');
});

test.afterAll(() => {
  if ((test.info().project.metadata as { profile?: unknown }).profile === 'legacy') return;
  kubectl([
    'delete',
    '-n',
    'vm-images',
    '--ignore-not-found',
    '--wait',
    `dv/${NAME}`,
    `dv/${BLANK}`,
  ]);
  kubectl(['delete', '--ignore-not-found', `storageclass/${CLASS}`]);
  kubectl(['delete', '--ignore-not-found', 'hostpathprovisioner/hostpath-provisioner']);
});

test('an upload to a class with a CSIDriver goes through the prime PVC and ends byte-exact', async ({
  page,
}) => {
  test.skip(
    (test.info().project.metadata as { profile?: unknown }).profile === 'legacy',
    'no populators in the seed era',
  );
  test.setTimeout(180_000);
  const uploads = await UploadsPage.open(page);
  await uploads.chooseFiles(DIR, ['populated.qcow2']);
  const c = uploads.card('populated.qcow2');
  await expect(c.namespace).toBeVisible();
  await expect(async () => {
    await c.fillTarget({ namespace: 'vm-images', name: NAME });
    await expect(c.namespace).toHaveValue('vm-images', { timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
  await c.storageClass.selectOption(CLASS);
  await c.fillTarget({ size: '64Mi' });
  await c.start.click();
  await expect(c.checksum).toHaveText('SHA-256 verified', { timeout: 150_000 });
  await expect(c.done).toBeVisible({ timeout: 150_000 });
  expect(kubectl(['get', 'dv', '-n', 'vm-images', NAME, '-o', 'jsonpath={.status.phase}'])).toBe(
    'Succeeded',
  );

  const target = JSON.parse(kubectl(['get', 'pvc', '-n', 'vm-images', NAME, '-o', 'json'])) as {
    metadata: { uid: string; annotations?: Record<string, string> };
    spec: { dataSourceRef?: { kind?: string }; storageClassName?: string };
    status: { phase?: string };
  };
  const prime = `prime-${target.metadata.uid}`;
  // Populated, not uploaded in place: the claim points at a VolumeUploadSource and names its prime PVC, the
  // populator recorded creating it and CDI's upload server ran against the prime.
  expect(target.spec.dataSourceRef?.kind).toBe('VolumeUploadSource');
  expect(target.spec.storageClassName).toBe(CLASS);
  expect(target.status.phase).toBe('Bound');
  expect(target.metadata.annotations?.['cdi.kubevirt.io/storage.populator.pvcPrime']).toBe(prime);
  expect(events(NAME)).toContain('CreatedPVCPrimeSuccessfully');
  expect(events(`cdi-upload-${prime}`)).toContain('Scheduled');
  // The prime was rebound to the target and removed.
  await expect
    .poll(() => kubectl(['get', 'pvc', '-n', 'vm-images', '-o', 'name']))
    .not.toContain(prime);

  expectSameImage(DIR, 'populated.qcow2', NAME, csiVolumeFile(NAME, POOL_PATH));
});

test('a blank disk on that class waits in PendingPopulation, then succeeds through the prime PVC once binding is forced', async ({
  page,
}) => {
  test.skip(
    (test.info().project.metadata as { profile?: unknown }).profile === 'legacy',
    'no populators in the seed era',
  );
  const blank = await new BlankDiskPage(page).open();
  await blank.fill({ namespace: 'vm-images', name: BLANK, size: '1Gi' });
  await blank.storageClass.selectOption(CLASS);
  await blank.create.click();
  await expect(blank.result).toBeVisible();

  const phase = () =>
    kubectl(['get', 'dv', '-n', 'vm-images', BLANK, '-o', 'jsonpath={.status.phase}']);
  // WaitForFirstConsumer class, no consumer: CDI's populator waits (controller-base.go
  // shouldBeMarkedPendingPopulation) and no prime PVC exists yet.
  await expect.poll(phase).toBe('PendingPopulation');
  const uid = kubectl(['get', 'pvc', '-n', 'vm-images', BLANK, '-o', 'jsonpath={.metadata.uid}']);
  expect(kubectl(['get', 'pvc', '-n', 'vm-images', '-o', 'name'])).not.toContain(`prime-${uid}`);
  // Force binding, as `virtctl --force-bind` asks for it.
  kubectl([
    'annotate',
    'pvc',
    '-n',
    'vm-images',
    BLANK,
    'cdi.kubevirt.io/storage.bind.immediate.requested=true',
  ]);
  await expect.poll(phase, { timeout: 90_000 }).toBe('Succeeded');
  expect(events(BLANK)).toContain('CreatedPVCPrimeSuccessfully');
  expect(events(`importer-prime-${uid}`)).toContain('Scheduled');
  expect(
    kubectl([
      'get',
      'pvc',
      '-n',
      'vm-images',
      BLANK,
      '-o',
      'jsonpath={.metadata.annotations.cdi\\.kubevirt\\.io/storage\\.populator\\.pvcPrime}',
    ]),
  ).toBe(`prime-${uid}`);
});
