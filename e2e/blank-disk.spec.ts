// A blank disk through the form (seed 6.12.5), attached to a stopped VM, which then starts with it; and the
// DataVolume YAML template.
import { kubectl } from './support/cluster';
import { BlankDiskPage } from './pages/blank-disk-page';
import { expect, test, waitForHost } from './support/fixtures';

const NS = 'vm-images';

test.describe('Blank disk', () => {
  test('creates a blank DataVolume with the storage defaults and attaches it to a stopped VM', async ({
    page,
    consoleProblems,
  }) => {
    test.setTimeout(180_000);
    kubectl(
      ['apply', '-f', '-'],
      JSON.stringify({
        apiVersion: 'kubevirt.io/v1',
        kind: 'VirtualMachine',
        metadata: { name: 'e2e-blank-target', namespace: NS },
        spec: {
          running: false,
          template: { spec: { domain: { devices: { disks: [] } }, volumes: [] } },
        },
      }),
    );
    const blank = await new BlankDiskPage(page).openFromNav();
    await expect(page).toHaveURL(/\/vm-disks\/blank-disk$/);
    await blank.fill({ namespace: NS, name: 'e2e-blank', size: 'lots' });
    await expect(blank.form).toContainText('Not a valid quantity');
    await blank.fill({ size: '2Gi' });
    // Access and volume mode come from the storage defaults of the (default) class.
    await expect(blank.accessMode).toHaveValue('ReadWriteOnce');
    await expect(blank.volumeMode).toHaveValue('Filesystem');
    // The running seed VM cannot get a disk here.
    await expect(blank.vmOption('rhel8-vm')).toBeDisabled();
    await blank.chooseVm('e2e-blank-target');
    await expect(blank.diskName).toHaveValue('e2e-blank');
    await expect(blank.yaml).toContainText('blank: {}');
    await blank.create.click();
    await expect(blank.result).toBeVisible();
    await expect(blank.attached).toContainText('e2e-blank-target');

    // On today's platform (no storage-defaults ConfigMap, StorageProfiles served) the DataVolume uses
    // spec.storage, as current virtctl writes it (kubevirt/kubevirt pkg/virtctl/imageupload/imageupload.go), and CDI
    // renders the claim's modes from the StorageProfile (kubevirt/containerized-data-importer
    // pkg/controller/datavolume/util.go); on the seed's era, spec.pvc with the modes written out.
    const dv = JSON.parse(kubectl(['get', 'dv', 'e2e-blank', '-n', NS, '-o', 'json'])) as {
      spec: {
        source: unknown;
        pvc?: { accessModes?: string[]; resources: { requests: { storage: string } } };
        storage?: { accessModes?: string[]; resources: { requests: { storage: string } } };
      };
    };
    expect(dv.spec.source).toEqual({ blank: {} });
    const profile = test.info().project.name;
    const claim = profile === 'legacy' ? dv.spec.pvc : dv.spec.storage;
    expect(dv.spec).not.toHaveProperty(profile === 'legacy' ? 'storage' : 'pvc');
    expect(claim?.resources.requests.storage).toBe('2Gi');
    if (profile === 'legacy') expect(claim?.accessModes).toEqual(['ReadWriteOnce']);
    await expect
      .poll(() =>
        kubectl(['get', 'pvc', 'e2e-blank', '-n', NS, '-o', 'jsonpath={.spec.accessModes[0]}']),
      )
      .toBe('ReadWriteOnce');
    const volumes = kubectl([
      'get',
      'vm',
      'e2e-blank-target',
      '-n',
      NS,
      '-o',
      'jsonpath={.spec.template.spec.volumes[*].dataVolume.name}',
    ]);
    expect(volumes).toBe('e2e-blank');

    // Started, the VM consumes the disk: the DataVolume binds and CDI prepares the blank image.
    kubectl([
      'patch',
      'vm',
      'e2e-blank-target',
      '-n',
      NS,
      '--type=merge',
      '-p',
      '{"spec":{"running":true}}',
    ]);
    await expect
      .poll(() => kubectl(['get', 'dv', 'e2e-blank', '-n', NS, '-o', 'jsonpath={.status.phase}']), {
        timeout: 120_000,
      })
      .toBe('Succeeded');
    expect(consoleProblems.messages).toEqual([]);
  });

  test('checks the namespace before submit and names the disk the VM really got', async ({
    page,
  }) => {
    // A stopped VM that already has a disk called e2e-bd-data: the new one becomes e2e-bd-data-1.
    kubectl(
      ['apply', '-f', '-'],
      JSON.stringify({
        apiVersion: 'kubevirt.io/v1',
        kind: 'VirtualMachine',
        metadata: { name: 'e2e-bd-names', namespace: NS },
        spec: {
          runStrategy: 'Halted',
          template: {
            spec: {
              domain: { devices: { disks: [{ name: 'e2e-bd-data', disk: { bus: 'virtio' } }] } },
              volumes: [{ name: 'e2e-bd-data', emptyDisk: { capacity: '1Gi' } }],
            },
          },
        },
      }),
    );
    try {
      const blank = await new BlankDiskPage(page).open();
      await blank.fill({ namespace: 'VM_Images' });
      await expect(blank.form).toContainText('Not a valid namespace name');
      await expect(blank.create).toBeDisabled();
      await blank.fill({ namespace: NS });
      await expect(blank.form).not.toContainText('Not a valid namespace name');
      await blank.fill({ name: 'e2e-bd-data', size: '1Gi' });
      await blank.chooseVm('e2e-bd-names');
      await expect(blank.diskName).toHaveValue('e2e-bd-data-1');
      await blank.create.click();
      await expect(blank.attached).toHaveText(
        'Attached to the virtual machine e2e-bd-names as disk e2e-bd-data-1.',
      );
      const disks = kubectl([
        'get',
        'vm',
        'e2e-bd-names',
        '-n',
        NS,
        '-o',
        'jsonpath={.spec.template.spec.domain.devices.disks[*].name}',
      ]);
      expect(disks.split(' ')).toEqual(['e2e-bd-data', 'e2e-bd-data-1']);
    } finally {
      kubectl(['delete', 'vm', 'e2e-bd-names', '-n', NS, '--ignore-not-found']);
      kubectl(['delete', 'dv', 'e2e-bd-data', '-n', NS, '--ignore-not-found']);
    }
  });

  test('offers the blank DataVolume YAML template', async ({ page }) => {
    await page.goto('/yaml-samples');
    await waitForHost(page);
    // The sample is shown in monaco, which can take long to load on a loaded machine: wait for it
    // (bounded by the test's timeout), then for the template's own name in the editor.
    const sample = page.locator('[data-test="yaml-template-blank-disk"]');
    await expect(sample.locator('.monaco-editor')).toBeVisible({ timeout: 90_000 });
    await expect(sample).toContainText('blank-image-datavolume');
  });
});
