// Scratch space on both profiles. `current` (HyperConverged v1, CDI v1.66): the setting lives at
// HyperConverged v1 `spec.storage.scratchSpaceStorageClass` (kubevirt/hyperconverged-cluster-operator
// api/v1/hyperconverged_types.go), and with nothing configured CDI ≥ 1.65 leaves CDIConfig
// status.scratchSpaceStorageClass empty: each scratch PVC takes its DataVolume's class
// (kubevirt/containerized-data-importer pkg/controller/config-controller.go `reconcileStorageClass`,
// pkg/controller/util.go `GetScratchPvcStorageClass`). `legacy` (HyperConverged v1beta1, CDI v1.38):
// `spec.scratchSpaceStorageClass`, and CDI falls back to the cluster default class.
import { kubectl } from './support/cluster';
import { ScratchSpacePage } from './pages/scratch-space-page';
import { expect, test } from './support/fixtures';

interface Era {
  /** kubectl arguments naming the HyperConverged at the version whose field we read and write. */
  hco: string[];
  /** The scratch field of that version, as a path. */
  field: string[];
}

const eraOf = (profile: string): Era =>
  profile === 'current'
    ? {
        hco: [
          'hyperconvergeds.v1.hco.kubevirt.io',
          'kubevirt-hyperconverged',
          '-n',
          'openshift-cnv',
        ],
        field: ['spec', 'storage', 'scratchSpaceStorageClass'],
      }
    : {
        hco: [
          'hyperconvergeds.v1beta1.hco.kubevirt.io',
          'kubevirt-hyperconverged',
          '-n',
          'openshift-cnv',
        ],
        field: ['spec', 'scratchSpaceStorageClass'],
      };

const profileOf = (): string => test.info().project.name;

/** A merge patch setting (or, with `null`, removing) the era's scratch field. */
const scratchPatch = (era: Era, value: string | null): string => {
  const leaf: Record<string, unknown> = { [era.field[era.field.length - 1] ?? '']: value };
  return JSON.stringify(
    era.field
      .slice(0, -1)
      .reduceRight<Record<string, unknown>>((inner, key) => ({ [key]: inner }), leaf),
  );
};

const jsonpath = (args: string[], path: string): string =>
  kubectl(['get', ...args, '-o', `jsonpath={${path}}`]);

// A dynamic Filesystem class for scratch space, as seed 6.12.1.4 creates for the hostpath provisioner.
const HPP_CLASS = {
  apiVersion: 'storage.k8s.io/v1',
  kind: 'StorageClass',
  metadata: { name: 'e2e-hostpath-csi' },
  provisioner: 'kubevirt.io.hostpath-provisioner',
  reclaimPolicy: 'Delete',
  volumeBindingMode: 'WaitForFirstConsumer',
  parameters: { storagePool: 'local' },
};

test.describe('Scratch space', () => {
  test.beforeAll(() => {
    kubectl(['apply', '-f', '-'], JSON.stringify(HPP_CLASS));
  });
  test.afterAll(() => {
    const era = eraOf(profileOf());
    kubectl(['patch', ...era.hco, '--type=merge', '-p', scratchPatch(era, null)]);
    kubectl(['delete', 'storageclass', HPP_CLASS.metadata.name, '--wait=false']);
  });

  test('is set through its owner, HyperConverged, and converges in the CDIConfig status', async ({
    page,
    consoleProblems,
  }) => {
    const current = profileOf() === 'current';
    const era = eraOf(profileOf());
    const scratch = await new ScratchSpacePage(page).openFromNav();
    await expect(page).toHaveURL(/\/vm-disks\/scratch-space$/);
    await expect(scratch.owner).toHaveAttribute('data-owner-kind', 'HyperConverged');
    if (current) {
      // Nothing configured: CDI v1.66 reports no class and explains what scratch PVCs get instead.
      await expect(scratch.effectiveClass).toHaveText(
        "None: each scratch PVC uses its DataVolume's class",
      );
      await expect(scratch.emptyStatus).toContainText(
        'no longer falls back to the cluster default class',
      );
      await expect(scratch.resolutionSteps).toHaveAttribute('data-step', 'target-class');
      await expect(scratch.owner).toContainText('spec.storage.scratchSpaceStorageClass');
    } else {
      await expect(scratch.effectiveClass).toHaveText('local');
      // Nothing configured: CDI (v1.38) falls back to the cluster default class.
      await expect(scratch.resolutionSteps).toHaveAttribute('data-step', 'cluster-default');
      await expect(scratch.emptyStatus).toHaveCount(0);
    }

    // The static local class cannot provision scratch PVCs on its own: the picker says so.
    await scratch.chooseClass('local');
    await expect(scratch.classWarning).toContainText('no dynamic provisioner');
    await scratch.chooseClass(HPP_CLASS.metadata.name);
    await expect(scratch.classWarning).toHaveCount(0);
    await expect(scratch.fallback).toHaveText(
      current
        ? `If ${HPP_CLASS.metadata.name} is missing, CDI will use the storage class of each DataVolume for its scratch PVC.`
        : `If ${HPP_CLASS.metadata.name} is missing, CDI will use the cluster default class local.`,
    );

    await scratch.save.click();
    await expect(scratch.convergence).toHaveAttribute('data-converged', 'true');
    await expect(scratch.convergenceSteps).toHaveCount(4);
    await expect(scratch.effectiveClass).toHaveText(HPP_CLASS.metadata.name);
    await expect(scratch.configuredClass).toHaveText(HPP_CLASS.metadata.name);

    // The write went to HyperConverged, and travelled through the CDI resource to CDIConfig.
    expect(jsonpath(era.hco, `.${era.field.join('.')}`)).toBe(HPP_CLASS.metadata.name);
    expect(jsonpath(['cdi', 'cdi'], '.spec.config.scratchSpaceStorageClass')).toBe(
      HPP_CLASS.metadata.name,
    );
    expect(jsonpath(['cdiconfig', 'config'], '.status.scratchSpaceStorageClass')).toBe(
      HPP_CLASS.metadata.name,
    );
    expect(consoleProblems.messages).toEqual([]);
  });

  test('a value set on CDIConfig alone is shown to revert', async ({ page }) => {
    const era = eraOf(profileOf());
    kubectl([
      'patch',
      ...era.hco,
      '--type=merge',
      '-p',
      scratchPatch(era, HPP_CLASS.metadata.name),
    ]);
    await expect
      .poll(() => jsonpath(['cdiconfig', 'config'], '.status.scratchSpaceStorageClass'))
      .toBe(HPP_CLASS.metadata.name);
    const scratch = await new ScratchSpacePage(page).open();
    await expect(scratch.effectiveClass).toHaveText(HPP_CLASS.metadata.name);

    // What seed 6.12.7.4 says to do: edit cdiconfig/config.
    kubectl([
      'patch',
      'cdiconfig',
      'config',
      '--type=merge',
      '-p',
      '{"spec":{"scratchSpaceStorageClass":"local"}}',
    ]);
    await expect
      .poll(() => jsonpath(['cdiconfig', 'config'], '.spec.scratchSpaceStorageClass'))
      .toBe(HPP_CLASS.metadata.name);
    const revert = scratch.reverts.first();
    await expect(revert).toHaveAttribute('data-reverted', 'true');
    await expect(revert).toContainText(`CDI set it back to ${HPP_CLASS.metadata.name}`);
    await expect(scratch.effectiveClass).toHaveText(HPP_CLASS.metadata.name);
    // The page never offers CDIConfig itself while something owns it.
    await expect(scratch.owner).toHaveAttribute('data-owner-kind', 'HyperConverged');
  });
});
