import { kubectl } from './support/cluster';
import { expect, loginAs, test, waitForHost } from './support/fixtures';

const OVERVIEW = '/vm-disks/overview';

test.describe('Overview', () => {
  test('is reachable from the VM Disks nav section and lists the cluster', async ({
    page,
    consoleProblems,
  }) => {
    await page.goto('/');
    await waitForHost(page);
    await page.locator('[data-test="vm-disks-nav-overview"]').click();
    await expect(page).toHaveURL(/\/vm-disks\/overview$/);

    const nodes = page.locator('[data-test="overview-nodes"]');
    for (const node of ['master-0', 'worker-0', 'worker-1', 'worker-2']) {
      await expect(nodes.locator(`[data-test-row="${node}"]`)).toBeVisible();
    }
    // worker-2 runs RHEL 8, not RHCOS: the page must tell them apart.
    await expect(
      nodes.locator('[data-test-row="worker-0"] [data-test="node-rhcos"]'),
    ).toBeVisible();
    await expect(nodes.locator('[data-test-row="worker-2"] [data-test="node-rhcos"]')).toHaveCount(
      0,
    );

    const classes = kubectl([
      'get',
      'storageclass',
      '-o',
      'jsonpath={.items[*].metadata.name}',
    ]).split(' ');
    for (const name of classes) {
      await expect(
        page.locator(`[data-test="overview-storageclasses"] [data-test-row="${name}"]`),
      ).toBeVisible();
    }
    const pvs = kubectl(['get', 'pv', '-o', 'jsonpath={.items[*].metadata.name}'])
      .split(' ')
      .filter(Boolean);
    expect(pvs.length).toBeGreaterThan(0);
    for (const name of pvs) {
      await expect(
        page.locator(`[data-test="overview-pvs"] [data-test-row="${name}"]`),
      ).toBeAttached();
    }
    await expect(
      page.locator('[data-test="overview-vms"] [data-test-row="rhel8-vm"]'),
    ).toBeVisible();
    expect(consoleProblems.messages).toEqual([]);
  });

  test('shows cluster changes live, without a reload', async ({ page, consoleProblems }) => {
    await page.goto(OVERVIEW);
    await waitForHost(page);
    const claims = page.locator('[data-test="overview-pvcs"]');
    await expect(claims.locator('[data-test-row]').first()).toBeVisible();
    const navigations: string[] = [];
    page.on('framenavigated', (frame) => navigations.push(frame.url()));

    kubectl(
      ['apply', '-f', '-'],
      JSON.stringify({
        apiVersion: 'v1',
        kind: 'PersistentVolumeClaim',
        metadata: { name: 'e2e-live-claim', namespace: 'vm-images' },
        spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
      }),
    );
    const row = claims.locator('[data-test-row="e2e-live-claim"]');
    await expect(row).toBeVisible();
    await expect(row).toContainText('Pending');

    kubectl(['delete', 'pvc', 'e2e-live-claim', '-n', 'vm-images', '--wait=false']);
    await expect(row).toHaveCount(0);
    expect(navigations).toEqual([]);
    expect(consoleProblems.messages).toEqual([]);
  });

  test('a forbidden list names the missing permission and the rest still works', async ({
    page,
  }) => {
    await loginAs(page, 'developer');
    try {
      await page.goto(OVERVIEW);
      await waitForHost(page);
      const pvs = page.locator('[data-test="overview-pvs"]');
      await expect(pvs.locator('[data-test="load-error"]')).toContainText(
        'You need permission to list persistentvolumes at the cluster scope.',
      );
      await expect(pvs.locator('[data-test-row]')).toHaveCount(0);
      // The developer may read nodes, so that section still renders its rows.
      await expect(
        page.locator('[data-test="overview-nodes"] [data-test-row="worker-0"]'),
      ).toBeVisible();
    } finally {
      await loginAs(page, 'admin');
    }
  });
});
