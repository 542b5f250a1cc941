import { kubectl } from './support/cluster';
import { expect, test, waitForHost } from './support/fixtures';

const PAGE = '/vm-disks/scratch-space';
const HCO = ['hyperconverged', 'kubevirt-hyperconverged', '-n', 'openshift-cnv'];

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
    kubectl(['patch', ...HCO, '--type=merge', '-p', '{"spec":{"scratchSpaceStorageClass":null}}']);
    kubectl(['delete', 'storageclass', HPP_CLASS.metadata.name, '--wait=false']);
  });

  test('is set through its owner, HyperConverged, and converges in the CDIConfig status', async ({
    page,
    consoleProblems,
  }) => {
    await page.goto('/');
    await waitForHost(page);
    await page.locator('[data-test="vm-disks-nav-scratch-space"]').click();
    await expect(page).toHaveURL(/\/vm-disks\/scratch-space$/);
    await expect(page.locator('[data-test="scratch-owner"]')).toHaveAttribute(
      'data-owner-kind',
      'HyperConverged',
    );
    await expect(page.locator('[data-test="effective-scratch-class"]')).toHaveText('local');
    // Nothing configured: CDI (v1.38) falls back to the cluster default class.
    await expect(page.locator('[data-test="scratch-resolution"] li')).toHaveAttribute(
      'data-step',
      'cluster-default',
    );

    const select = page.locator('[data-test="scratch-class-select"]');
    // The static local class cannot provision scratch PVCs on its own: the picker says so.
    await select.selectOption('local');
    await expect(page.locator('[data-test="scratch-class-warning"]')).toContainText(
      'no dynamic provisioner',
    );
    await select.selectOption(HPP_CLASS.metadata.name);
    await expect(page.locator('[data-test="scratch-class-warning"]')).toHaveCount(0);
    await expect(page.locator('[data-test="scratch-fallback"]')).toHaveText(
      `If ${HPP_CLASS.metadata.name} is missing, CDI will use the cluster default class local.`,
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
    expect(jsonpath(HCO, '.spec.scratchSpaceStorageClass')).toBe(HPP_CLASS.metadata.name);
    expect(jsonpath(['cdi', 'cdi'], '.spec.config.scratchSpaceStorageClass')).toBe(
      HPP_CLASS.metadata.name,
    );
    expect(jsonpath(['cdiconfig', 'config'], '.status.scratchSpaceStorageClass')).toBe(
      HPP_CLASS.metadata.name,
    );
    expect(consoleProblems.messages).toEqual([]);
  });

  test('a value set on CDIConfig alone is shown to revert', async ({ page }) => {
    kubectl([
      'patch',
      ...HCO,
      '--type=merge',
      '-p',
      JSON.stringify({ spec: { scratchSpaceStorageClass: HPP_CLASS.metadata.name } }),
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
