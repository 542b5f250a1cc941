// HostPathProvisioner setup wizard on the sandbox: bad paths and node selectors, a user without permission,
// names validated before anything is applied, an RHCOS-only rollout via MachineConfig, an existing CR edited
// (not duplicated) into a mixed cluster, an existing StorageClass with other parameters, and a re-run that
// would orphan a class in use (refused, with the diff). On `legacy` (the seed's era) the flows use the legacy
// provisioner and the RHEL node needs the manual chcon (smoke test "Permission denied" until it is done); on
// `current` (HPP operator v0.25: v1beta1 only) they use storage pools and the CSI driver, which labels its
// volumes itself. The tests share one cluster, so they run in order and clean up after themselves.
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

/** The sandbox profile of the running project (playwright.config.ts `metadata.profile`). */
const isLegacy = (): boolean =>
  (test.info().project.metadata as { profile?: unknown }).profile === 'legacy';

const ORPHAN_CLAIM = 'e2e-orphan-claim';

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
  kubectl(['delete', 'pvc', ORPHAN_CLAIM, '-n', 'default', '--ignore-not-found']);
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
  // An invalid node selector disables Next until it is fixed.
  const selector = page.locator('[data-test="hpp-node-selector"]');
  for (const bad of ['worker', 'a=b c', `${'k'.repeat(64)}=v`]) {
    await selector.fill(bad);
    await expect(selector).toHaveAttribute('aria-invalid', 'true');
    await expect(page.locator('[data-test="hpp-node-selector-help"]')).toContainText(
      'label=value pairs',
    );
    await expect(next(page)).toBeDisabled();
  }
  await selector.fill('kubernetes.io/os=linux');
  await expect(next(page)).toBeEnabled();
  await selector.fill('');
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

test('a StorageClass name the API would refuse stops the plan before anything is applied', async ({
  page,
}) => {
  await openWizard(page);
  await next(page).click();
  await next(page).click();
  await next(page).click();
  const name = page.locator('[data-test="hpp-class-name"]');
  await name.fill('x'.repeat(300));
  await expect(page.locator('[data-test="hpp-class-name-error"]')).toContainText(
    'must be no more than 253 characters',
  );
  await expect(next(page)).toBeDisabled();
  await name.fill('Bad_Name');
  await expect(page.locator('[data-test="hpp-class-name-error"]')).toContainText(
    'lowercase RFC 1123 subdomain',
  );
  await name.fill('hostpath-provisioner');
  await expect(page.locator('[data-test="hpp-class-name-error"]')).toHaveCount(0);
  await next(page).click();
  // A 300-character name written into the last object's YAML blocks the whole plan: the MachineConfig
  // (first in the plan) is not applied either.
  const sc = page.locator('[data-test="hpp-object"][data-key="StorageClass/hostpath-provisioner"]');
  await sc.locator('.view-lines').click();
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(
    JSON.stringify({
      apiVersion: 'storage.k8s.io/v1',
      kind: 'StorageClass',
      metadata: { name: 'y'.repeat(300) },
      provisioner: 'kubevirt.io.hostpath-provisioner',
    }),
  );
  await expect(sc.locator('[data-test="hpp-yaml-problems"]')).toContainText(
    'metadata.name must be no more than 253 characters',
  );
  await expect(page.locator('[data-test="hpp-apply"]')).toBeDisabled();
  expect(kubectl(['get', 'machineconfig', MC, '--ignore-not-found', '-o', 'name']).trim()).toBe('');
  expect(kubectl(['get', 'storageclass', '-o', 'name'])).not.toContain('yyyy');
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
  if (isLegacy()) await page.locator('[data-test="hpp-mode-legacy"]').check();
  else {
    // HPP operator v0.25 serves only v1beta1: storage pools and the CSI driver, no legacy choice.
    await expect(page.locator('[data-test="hpp-mode-legacy"]')).toHaveCount(0);
    await expect(page.locator('[data-test="hpp-mode-csi"]')).toBeChecked();
  }
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
  await expect(page.locator('[data-test="hpp-apply-done"]')).toBeVisible({ timeout: 120_000 });
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
    spec: {
      pathConfig?: { path: string };
      storagePools?: { name: string; path: string }[];
      workload: { nodeSelector: Record<string, string> };
    };
  };
  if (isLegacy()) expect(cr.spec.pathConfig?.path).toBe('/var/hpvolumes');
  else {
    expect(cr.spec.storagePools).toEqual([{ name: 'local', path: '/var/hpvolumes' }]);
    expect(cr.spec.pathConfig).toBeUndefined();
    expect(
      (getJson(['get', 'storageclass', 'hostpath-provisioner']) as { provisioner: string })
        .provisioner,
    ).toBe('kubevirt.io.hostpath-provisioner');
  }
  expect(cr.spec.workload.nodeSelector).toEqual({ 'node.openshift.io/os_id': 'rhcos' });

  // Re-running is idempotent.
  await page.locator('[data-test="hpp-apply"]').click();
  await expect(page.locator('[data-test="hpp-apply-done"]')).toBeVisible({ timeout: 120_000 });
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
  await expect(
    page.locator(`[data-test="hpp-mode-${isLegacy() ? 'legacy' : 'csi'}"]`),
  ).toBeChecked();
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
  await expect(page.locator('[data-test="hpp-apply-done"]')).toBeVisible({ timeout: 120_000 });
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
  if (!isLegacy()) {
    // The CSI driver relabels its volumes itself: the RHEL node works without chcon, and the volume lives
    // under <pool>/csi.
    await expect(result).toHaveAttribute('data-node', 'worker-2', { timeout: 60_000 });
    await expect(status.locator('[data-test="hpp-smoke-directory"]')).toContainText(
      '/var/hpvolumes/csi/',
    );
    expect(consoleProblems.messages).toEqual([]);
    return;
  }
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
  await expect(page.locator('[data-test="hpp-apply-done"]')).toBeVisible({ timeout: 120_000 });
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

test('a re-run that would orphan a class in use is refused with the diff; Status is reachable any time', async ({
  page,
  consoleProblems,
}) => {
  // A claim of the class the change would break (on legacy: the CSI class, switched to the legacy
  // provisioner as in issue 15; on current: the pool moved to another directory).
  const usedClass = isLegacy() ? 'hpp-e2e-taken-csi' : 'hostpath-provisioner';
  kubectl(
    ['apply', '-f', '-'],
    JSON.stringify({
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: { name: ORPHAN_CLAIM, namespace: 'default' },
      spec: {
        storageClassName: usedClass,
        accessModes: ['ReadWriteOnce'],
        resources: { requests: { storage: '1Gi' } },
      },
    }),
  );
  const before = kubectl([
    'get',
    'hostpathprovisioners.hostpathprovisioner.kubevirt.io',
    'hostpath-provisioner',
    '-o',
    'jsonpath={.spec}',
  ]);

  // Status straight from the step list, without applying anything.
  await openWizard(page);
  await page.getByRole('button', { name: 'Status', exact: true }).click();
  const status = page.locator('[data-test="hpp-status"]');
  await expect(status.locator('[data-test="hpp-condition-Available"]')).toHaveAttribute(
    'data-status',
    'True',
  );
  await expect(status.locator('[data-test="hpp-smoke-run"]')).toBeEnabled();

  await page.getByRole('button', { name: 'Backing directory', exact: true }).click();
  if (isLegacy()) await page.locator('[data-test="hpp-mode-legacy"]').check();
  else await page.locator('[data-test="hpp-path"]').fill('/var/hpvolumes-moved');
  await next(page).click();
  await next(page).click();
  await next(page).click();
  const cr = page.locator(
    '[data-test="hpp-object"][data-key="HostPathProvisioner/hostpath-provisioner"]',
  );
  const change = cr.locator('[data-test="hpp-change"]');
  await expect(change).toHaveAttribute('data-state', 'changed');
  const removed = change.locator('[data-op="remove"]');
  const added = change.locator('[data-op="add"]');
  if (isLegacy()) {
    await expect(removed).toContainText(['storagePools:']);
    await expect(added).toContainText(['pathConfig:']);
  } else {
    await expect(removed).toContainText(['path: /var/hpvolumes']);
    await expect(added).toContainText(['path: /var/hpvolumes-moved']);
  }
  const orphan = page.locator(`[data-test="hpp-orphan"][data-class="${usedClass}"]`);
  await expect(orphan).toContainText(`In use by default/${ORPHAN_CLAIM}`);
  await expect(page.locator('[data-test="hpp-blockers"]')).toContainText(
    `StorageClass ${usedClass} is used by default/${ORPHAN_CLAIM}`,
  );
  await expect(page.locator('[data-test="hpp-apply"]')).toBeDisabled();
  // Nothing was changed.
  expect(
    kubectl([
      'get',
      'hostpathprovisioners.hostpathprovisioner.kubevirt.io',
      'hostpath-provisioner',
      '-o',
      'jsonpath={.spec}',
    ]),
  ).toBe(before);
  expect(consoleProblems.messages).toEqual([]);
});
