// Scratch space on both profiles. `current` (HyperConverged v1, CDI v1.66): the setting lives at
// HyperConverged v1 `spec.storage.scratchSpaceStorageClass` (kubevirt/hyperconverged-cluster-operator
// api/v1/hyperconverged_types.go), and with nothing configured CDI ≥ 1.65 leaves CDIConfig
// status.scratchSpaceStorageClass empty: each scratch PVC takes its DataVolume's class
// (kubevirt/containerized-data-importer pkg/controller/config-controller.go `reconcileStorageClass`,
// pkg/controller/util.go `GetScratchPvcStorageClass`). `legacy` (HyperConverged v1beta1, CDI v1.38):
// `spec.scratchSpaceStorageClass`, and CDI falls back to the cluster default class.
import { kubectl } from './support/cluster';
import { expect, test, waitForHost } from './support/fixtures';

const PAGE = '/vm-disks/scratch-space';

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
    await page.goto('/');
    await waitForHost(page);
    await page.locator('[data-test="vm-disks-nav-scratch-space"]').click();
    await expect(page).toHaveURL(/\/vm-disks\/scratch-space$/);
    await expect(page.locator('[data-test="scratch-owner"]')).toHaveAttribute(
      'data-owner-kind',
      'HyperConverged',
    );
    if (current) {
      // Nothing configured: CDI v1.66 reports no class and explains what scratch PVCs get instead.
      await expect(page.locator('[data-test="effective-scratch-class"]')).toHaveText(
        "None: each scratch PVC uses its DataVolume's class",
      );
      await expect(page.locator('[data-test="scratch-empty-status"]')).toContainText(
        'no longer falls back to the cluster default class',
      );
      await expect(page.locator('[data-test="scratch-resolution"] li')).toHaveAttribute(
        'data-step',
        'target-class',
      );
      await expect(page.locator('[data-test="scratch-owner"]')).toContainText(
        'spec.storage.scratchSpaceStorageClass',
      );
    } else {
      await expect(page.locator('[data-test="effective-scratch-class"]')).toHaveText('local');
      // Nothing configured: CDI (v1.38) falls back to the cluster default class.
      await expect(page.locator('[data-test="scratch-resolution"] li')).toHaveAttribute(
        'data-step',
        'cluster-default',
      );
      await expect(page.locator('[data-test="scratch-empty-status"]')).toHaveCount(0);
    }

    const select = page.locator('[data-test="scratch-class-select"]');
    // The static local class cannot provision scratch PVCs on its own: the picker says so.
    await select.selectOption('local');
    await expect(page.locator('[data-test="scratch-class-warning"]')).toContainText(
      'no dynamic provisioner',
    );
    await select.selectOption(HPP_CLASS.metadata.name);
    await expect(page.locator('[data-test="scratch-class-warning"]')).toHaveCount(0);
    await expect(page.locator('[data-test="scratch-fallback"]')).toHaveText(
      current
        ? `If ${HPP_CLASS.metadata.name} is missing, CDI will use the storage class of each DataVolume for its scratch PVC.`
        : `If ${HPP_CLASS.metadata.name} is missing, CDI will use the cluster default class local.`,
    );

    await page.locator('[data-test="scratch-save"]').click();
    const convergence = page.locator('[data-test="scratch-convergence"]');
    await expect(convergence).toHaveAttribute('data-converged', 'true');
    await expect(convergence.locator('[data-test="convergence-step"]')).toHaveCount(4);
    await expect(page.locator('[data-test="effective-scratch-class"]')).toHaveText(
      HPP_CLASS.metadata.name,
    );
    await expect(page.locator('[data-test="configured-scratch-class"]')).toHaveText(
      HPP_CLASS.metadata.name,
    );

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
    await page.goto(PAGE);
    await waitForHost(page);
    await expect(page.locator('[data-test="effective-scratch-class"]')).toHaveText(
      HPP_CLASS.metadata.name,
    );

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
    const revert = page
      .locator('[data-test="scratch-reverts"] [data-test="scratch-revert"]')
      .first();
    await expect(revert).toHaveAttribute('data-reverted', 'true');
    await expect(revert).toContainText(`CDI set it back to ${HPP_CLASS.metadata.name}`);
    await expect(page.locator('[data-test="effective-scratch-class"]')).toHaveText(
      HPP_CLASS.metadata.name,
    );
    // The page never offers CDIConfig itself while something owns it.
    await expect(page.locator('[data-test="scratch-owner"]')).toHaveAttribute(
      'data-owner-kind',
      'HyperConverged',
    );
  });
});
