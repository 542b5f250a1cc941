// HostPathProvisioner setup wizard on the sandbox: bad paths, a user without permission, an RHCOS-only
// rollout via MachineConfig, an existing CR edited (not duplicated) into a mixed cluster where the RHEL node
// needs the manual chcon (smoke test "Permission denied" until it is done), and an existing StorageClass with
// other parameters. The tests share one cluster, so they run in order and clean up after themselves.
import type { Page } from '@playwright/test';
import { kubectl } from './support/cluster';
import { expect, loginAs, test, waitForHost } from './support/fixtures';

const SETUP = '/vm-disks/hpp-setup';
const MC = '50-set-selinux-for-hostpath-provisioner-worker';

test.describe.configure({ mode: 'serial' });

const openWizard = async (page: Page) => {
  await page.goto(SETUP);
  await waitForHost(page);
  await expect(page.locator('[data-test="hpp-preflight"]')).toHaveAttribute('data-state', 'done');
};

const next = (page: Page) => page.getByRole('button', { name: 'Next', exact: true });

const getJson = (args: string[]): unknown => JSON.parse(kubectl([...args, '-o', 'json']));

const cleanUp = () => {
  kubectl([
    'delete',
    'hostpathprovisioners.hostpathprovisioner.kubevirt.io',
    '--all',
    '--ignore-not-found',
  ]);
  kubectl([
    'delete',
    'storageclass',
    'hostpath-provisioner',
    'hpp-e2e-taken',
    'hpp-e2e-taken-csi',
    '--ignore-not-found',
  ]);
  kubectl(['delete', 'machineconfig', MC, '--ignore-not-found']);
  kubectl(['annotate', 'node', 'worker-2', 'sandbox.vm-disks.io/chcon-']);
};

test.afterAll(() => {
  cleanUp();
});

test('refuses bad backing paths with the reason', async ({ page, consoleProblems }) => {
  await openWizard(page);
  await next(page).click();
  const path = page.locator('[data-test="hpp-path"]');
  const problems = page.locator('[data-test="hpp-path-problems"]');
  const cases: [string, string][] = [
    ['/', 'root'],
    ['var/hpvolumes', 'not-absolute'],
    ['/etc/hpvolumes', 'system-directory'],
    ['/var/lib/kubelet/volumes', 'system-directory'],
    ['/var/hp/../lib', 'parent-segment'],
    ['/var', 'contains-system-directory'],
    ['/opt/hpvolumes', 'rhcos-read-only'],
  ];
  for (const [value, code] of cases) {
    await path.fill(value);
    await expect(problems.locator(`[data-problem="${code}"]`)).toBeVisible();
    await expect(next(page)).toBeDisabled();
  }
  await path.fill('/var/hpvolumes');
  await expect(problems.locator('[data-problem]')).toHaveCount(0);
  await expect(next(page)).toBeEnabled();
  await expect(page.locator('[data-test="hpp-partition-warning"]')).toContainText(
    'separate partition',
  );
  expect(consoleProblems.messages).toEqual([]);
});

test('names every permission a user without rights is missing', async ({ page }) => {
  await loginAs(page, 'developer');
  await openWizard(page);
  const missing = page.locator('[data-test="hpp-missing-permissions"]');
  await expect(missing).toBeVisible();
  for (const id of [
    'create-machineconfigs',
    'create-hostpathprovisioners',
    'create-storageclasses',
  ]) {
    await expect(missing.locator(`[data-test-permission="${id}"]`)).toBeVisible();
  }
  await expect(missing).toContainText(
    'create machineconfigs.machineconfiguration.openshift.io (cluster)',
  );
  await expect(page.locator('[data-test="hpp-existing-cr"]')).toContainText('Cannot read');
});

test('RHCOS-only: a MachineConfig per pool, rollout, and a passing smoke test', async ({
  page,
  consoleProblems,
}) => {
  await openWizard(page);
  await expect(page.locator('[data-test="hpp-existing-cr"]')).toContainText('None');
  await expect(
    page.locator('[data-test="hpp-nodes"] [data-test-row="worker-2"] [data-test="node-not-rhcos"]'),
  ).toBeVisible();
  await next(page).click();
  await page.locator('[data-test="hpp-mode-legacy"]').check();
  await page.locator('[data-test="hpp-node-selector"]').fill('node.openshift.io/os_id=rhcos');
  await next(page).click();
  // Only RHCOS nodes are targeted: one MachineConfig for the worker pool, no manual command.
  await expect(page.locator('[data-test="hpp-mc-pools"] [data-test-row="worker"]')).toContainText(
    'worker-0, worker-1',
  );
  await expect(page.locator('[data-test="hpp-no-manual"]')).toBeVisible();
  await expect(page.locator('[data-test="hpp-reboot-warning"]')).toBeVisible();
  await next(page).click();
  await next(page).click();
  const objects = page.locator('[data-test="hpp-object"]');
  await expect(objects).toHaveCount(3);
  await expect(objects.nth(0)).toHaveAttribute('data-key', `MachineConfig/${MC}`);
  await page.locator('[data-test="hpp-apply"]').click();
  await expect(page.locator('[data-test="hpp-apply-done"]')).toBeVisible();
  await expect(objects.locator('[data-test="apply-state"]')).toHaveText([
    'created',
    'created',
    'created',
  ]);

  const mc = getJson(['get', 'machineconfig', MC]) as {
    spec: { config: { ignition: { version: string }; systemd: { units: { contents: string }[] } } };
  };
  expect(mc.spec.config.ignition.version).toBe('3.4.0');
  expect(mc.spec.config.systemd.units[0].contents).toContain(
    'ExecStart=/usr/bin/chcon -Rt container_file_t /var/hpvolumes',
  );
  const cr = getJson([
    'get',
    'hostpathprovisioners.hostpathprovisioner.kubevirt.io',
    'hostpath-provisioner',
  ]) as {
    spec: { pathConfig: { path: string }; workload: { nodeSelector: Record<string, string> } };
  };
  expect(cr.spec.pathConfig.path).toBe('/var/hpvolumes');
  expect(cr.spec.workload.nodeSelector).toEqual({ 'node.openshift.io/os_id': 'rhcos' });

  // Re-running is idempotent.
  await page.locator('[data-test="hpp-apply"]').click();
  await expect(page.locator('[data-test="hpp-apply-done"]')).toBeVisible();
  await expect(objects.locator('[data-test="apply-state"]')).toHaveText([
    'unchanged',
    'unchanged',
    'unchanged',
  ]);

  await next(page).click();
  const status = page.locator('[data-test="hpp-status"]');
  await expect(status.locator('[data-test="pool-rollout"][data-pool="worker"]')).toHaveAttribute(
    'data-state',
    'updated',
    { timeout: 60_000 },
  );
  await expect(status.locator('[data-test="hpp-condition-Available"]')).toHaveAttribute(
    'data-status',
    'True',
    { timeout: 60_000 },
  );
  await expect(
    status.locator(
      '[data-test="hpp-node-readiness"] [data-test-row="worker-1"] [data-test="node-provisioner"]',
    ),
  ).toHaveAttribute('data-state', 'ready');
  await expect(
    status.locator('[data-test="hpp-node-readiness"] [data-test-row="worker-2"]'),
  ).toHaveCount(0);
  await status.locator('[data-test="hpp-smoke-node"]').selectOption('worker-1');
  await status.locator('[data-test="hpp-smoke-run"]').click();
  const result = status.locator('[data-test="hpp-smoke-result"]');
  await expect(result).toHaveAttribute('data-node', 'worker-1', { timeout: 60_000 });
  await expect(status.locator('[data-test="hpp-smoke-test"]')).toHaveAttribute(
    'data-state',
    'succeeded',
  );
  // The smoke test cleaned up after itself.
  await expect
    .poll(() => kubectl(['get', 'datavolumes', '-n', 'default', '-o', 'name']).trim())
    .toBe('');
  expect(consoleProblems.messages).toEqual([]);
});

test('existing CR is edited, not duplicated; the RHEL node needs the manual chcon', async ({
  page,
  consoleProblems,
}) => {
  await openWizard(page);
  await expect(page.locator('[data-test="hpp-existing-cr"]')).toContainText(
    'hostpath-provisioner exists',
  );
  await next(page).click();
  // The values come from the CR.
  await expect(page.locator('[data-test="hpp-mode-legacy"]')).toBeChecked();
  await expect(page.locator('[data-test="hpp-path"]')).toHaveValue('/var/hpvolumes');
  await expect(page.locator('[data-test="hpp-node-selector"]')).toHaveValue(
    'node.openshift.io/os_id=rhcos',
  );
  await page.locator('[data-test="hpp-node-selector"]').fill('');
  await next(page).click();
  const manual = page.locator('[data-test="hpp-manual-nodes"] [data-test-row="worker-2"]');
  await expect(manual.locator('[data-test="hpp-chcon-command"] input')).toHaveValue(
    'sudo mkdir -p /var/hpvolumes && sudo chcon -t container_file_t -R /var/hpvolumes',
  );
  await expect(page.locator('[data-test="hpp-manual-pending"]')).toContainText('worker-2');
  await next(page).click();
  await next(page).click();
  await page.locator('[data-test="hpp-apply"]').click();
  await expect(page.locator('[data-test="hpp-apply-done"]')).toBeVisible();
  await expect(page.locator('[data-test="hpp-object"] [data-test="apply-state"]')).toHaveText([
    'unchanged',
    'updated',
    'unchanged',
  ]);
  expect(
    kubectl(['get', 'hostpathprovisioners.hostpathprovisioner.kubevirt.io', '-o', 'name'])
      .trim()
      .split('\n'),
  ).toHaveLength(1);

  await next(page).click();
  const status = page.locator('[data-test="hpp-status"]');
  await expect(
    status.locator(
      '[data-test="hpp-node-readiness"] [data-test-row="worker-2"] [data-test="node-provisioner"]',
    ),
  ).toHaveAttribute('data-state', 'ready', { timeout: 30_000 });
  await status.locator('[data-test="hpp-smoke-node"]').selectOption('worker-2');
  await status.locator('[data-test="hpp-smoke-run"]').click();
  const result = status.locator('[data-test="hpp-smoke-result"]');
  await expect(result).toHaveAttribute('data-reason', 'selinux', { timeout: 60_000 });
  await expect(result).toContainText('Permission denied');
  await expect(result).toContainText('sudo chcon -t container_file_t -R /var/hpvolumes');

  // The administrator runs chcon on worker-2 (the sandbox's way of recording it), then the test passes.
  kubectl([
    'annotate',
    'node',
    'worker-2',
    'sandbox.vm-disks.io/chcon=/var/hpvolumes',
    '--overwrite',
  ]);
  await status.locator('[data-test="hpp-smoke-run"]').click();
  await expect(result).toHaveAttribute('data-node', 'worker-2', { timeout: 60_000 });
  expect(consoleProblems.messages).toEqual([]);
});

test('an existing StorageClass with other parameters gets a new name; YAML edits are applied', async ({
  page,
}) => {
  kubectl(
    ['apply', '-f', '-'],
    JSON.stringify({
      apiVersion: 'storage.k8s.io/v1',
      kind: 'StorageClass',
      metadata: { name: 'hpp-e2e-taken' },
      provisioner: 'kubevirt.io/hostpath-provisioner',
      reclaimPolicy: 'Retain',
      volumeBindingMode: 'Immediate',
    }),
  );
  await openWizard(page);
  await next(page).click();
  await page.locator('[data-test="hpp-mode-csi"]').check();
  await expect(page.locator('[data-test="hpp-pool"]')).toHaveValue('local');
  await next(page).click();
  await next(page).click();
  await page.locator('[data-test="hpp-class-name"]').fill('hpp-e2e-taken');
  const conflict = page.locator('[data-test="hpp-class-conflict"]');
  await expect(conflict).toContainText('provisioner');
  await expect(next(page)).toBeDisabled();
  await conflict.locator('[data-test="hpp-class-use-suggestion"]').click();
  await expect(page.locator('[data-test="hpp-class-name"]')).toHaveValue('hpp-e2e-taken-csi');
  await expect(conflict).toHaveCount(0);
  await next(page).click();

  // An edit the API refuses: the apply stops there, with the API's message and what was written.
  const cr = page.locator(
    '[data-test="hpp-object"][data-key="HostPathProvisioner/hostpath-provisioner"]',
  );
  await cr.locator('.view-lines').click();
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(
    JSON.stringify({
      apiVersion: 'hostpathprovisioner.kubevirt.io/v1beta1',
      kind: 'HostPathProvisioner',
      metadata: { name: 'hostpath-provisioner' },
      spec: { storagePools: [{ name: 'p'.repeat(51), path: '/var/hpvolumes' }] },
    }),
  );
  await expect(cr.getByText('edited')).toBeVisible();
  await page.locator('[data-test="hpp-apply"]').click();
  const failure = page.locator('[data-test="hpp-apply-error"]');
  await expect(failure).toContainText('HostPathProvisioner/hostpath-provisioner');
  await expect(failure).toContainText('longer than 50 characters');
  await expect(page.locator('[data-test="hpp-object"] [data-test="apply-state"]')).toHaveText([
    'unchanged',
    'failed',
    'waiting',
  ]);
  await expect(page.locator('[data-test="hpp-apply-written"]')).toHaveText('Nothing was written.');
  await cr.locator('[data-test="hpp-yaml-reset"]').click();

  // Edit the StorageClass YAML: the edit is validated and carried into the apply.
  const sc = page.locator('[data-test="hpp-object"][data-key="StorageClass/hpp-e2e-taken-csi"]');
  await sc.locator('.view-lines').click();
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  await page.keyboard.type('kind: Pod\n');
  await expect(sc.locator('[data-test="hpp-yaml-problems"]')).toBeVisible();
  await expect(page.locator('[data-test="hpp-apply"]')).toBeDisabled();
  await sc.locator('[data-test="hpp-yaml-reset"]').click();
  await expect(sc.locator('[data-test="hpp-yaml-problems"]')).toHaveCount(0);
  await sc.locator('.view-lines').click();
  await page.keyboard.press('Control+End');
  await page.keyboard.type('allowVolumeExpansion: true\n');
  await expect(sc.getByText('edited')).toBeVisible();

  await page.locator('[data-test="hpp-apply"]').click();
  await expect(page.locator('[data-test="hpp-apply-done"]')).toBeVisible();
  const created = getJson(['get', 'storageclass', 'hpp-e2e-taken-csi']) as {
    provisioner: string;
    parameters: Record<string, string>;
    allowVolumeExpansion?: boolean;
  };
  expect(created.provisioner).toBe('kubevirt.io.hostpath-provisioner');
  expect(created.parameters).toEqual({ storagePool: 'local' });
  expect(created.allowVolumeExpansion).toBe(true);
  const stored = getJson([
    'get',
    'hostpathprovisioners.hostpathprovisioner.kubevirt.io',
    'hostpath-provisioner',
  ]) as {
    spec: { storagePools?: { name: string; path: string }[]; pathConfig?: unknown };
  };
  expect(stored.spec.storagePools).toEqual([{ name: 'local', path: '/var/hpvolumes' }]);
  expect(stored.spec.pathConfig).toBeUndefined();

  // The Overview shows the same status panel.
  await page.goto('/vm-disks/overview');
  const panel = page.locator('[data-test="hpp-status"]');
  await expect(panel).toHaveAttribute('data-state', 'ready');
  await expect(panel.locator('[data-test="hpp-condition-Available"]')).toHaveAttribute(
    'data-status',
    'True',
    { timeout: 60_000 },
  );
  await expect(panel.locator('[data-test="hpp-smoke-class"] option')).toContainText([
    'hpp-e2e-taken-csi',
  ]);
});
