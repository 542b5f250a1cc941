// Long lists stay windowed in Chromium: with a few hundred PVs on one node, the local-volumes page, the Overview and
// the host's PV list render a screenful of rows, announce the full count (aria-rowcount), and reach the last row by
// scrolling (mouse wheel on the table, keyboard on the focused table, page scroll on the host list).
import type { Locator } from '@playwright/test';
import { kubectl } from './support/cluster';
import { expect, test, waitForHost } from './support/fixtures';

const COUNT = 400;
const LABEL = 'e2e.vm-disks/long-lists';
const name = (i: number) => `e2e-long-${String(i).padStart(4, '0')}`;
const LAST = name(COUNT - 1);

const pvList = () => ({
  apiVersion: 'v1',
  kind: 'List',
  items: Array.from({ length: COUNT }, (_, i) => ({
    apiVersion: 'v1',
    kind: 'PersistentVolume',
    metadata: { name: name(i), labels: { [LABEL]: 'true' } },
    spec: {
      capacity: { storage: '1Gi' },
      accessModes: ['ReadWriteOnce'],
      persistentVolumeReclaimPolicy: 'Retain',
      storageClassName: 'e2e-long-lists',
      volumeMode: 'Filesystem',
      local: { path: `/mnt/local-storage/e2e-long/disk${i}` },
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
  })),
});

/** Table rows with a `data-test-row` inside `scope`, as rendered (not as announced). */
const renderedRows = (scope: Locator) => scope.locator('[data-test-row]');

test.describe('Long lists', () => {
  test.beforeAll(() => {
    kubectl(['create', '-f', '-'], JSON.stringify(pvList()));
  });
  test.afterAll(() => {
    kubectl(['delete', 'pv', '-l', LABEL, '--wait=false']);
  });

  test('local volumes: a windowed table per node, scrolled by wheel and keyboard', async ({
    page,
    consoleProblems,
  }) => {
    await page.goto('/vm-disks/local-volumes');
    await waitForHost(page);
    const group = page.locator('[data-test="lv-node-group"][data-node="worker-1"]');
    const scroller = group.locator('.vm-disks-plugin__virtual-table');
    await expect(group.locator('[data-test-row="e2e-long-0000"]')).toBeVisible();
    const total = Number(await scroller.getAttribute('data-row-count'));
    expect(total).toBeGreaterThanOrEqual(COUNT);
    await expect(group.locator('table')).toHaveAttribute('aria-rowcount', String(total + 1));
    expect(await renderedRows(group).count()).toBeLessThan(60);
    await expect(group.locator(`[data-test-row="${LAST}"]`)).toHaveCount(0);

    // Wheel over the table until its end: the last row is rendered, the first is not, the DOM stays small.
    await scroller.hover();
    for (let i = 0; i < 60; i++) {
      await page.mouse.wheel(0, 1200);
      if ((await group.locator(`[data-test-row="${LAST}"]`).count()) > 0) break;
    }
    await expect(group.locator(`[data-test-row="${LAST}"]`)).toBeVisible();
    await expect(group.locator('[data-test-row="e2e-long-0000"]')).toHaveCount(0);
    expect(await renderedRows(group).count()).toBeLessThan(60);
    const lastIndex = await group
      .locator(`[data-test-row="${LAST}"]`)
      .getAttribute('aria-rowindex');
    expect(Number(lastIndex)).toBeGreaterThan(COUNT);

    // Keyboard: the table region takes focus; Home goes back to the first row.
    await scroller.focus();
    await page.keyboard.press('Home');
    await expect(group.locator('[data-test-row="e2e-long-0000"]')).toBeVisible();
    await page.keyboard.press('End');
    await expect(group.locator(`[data-test-row="${LAST}"]`)).toBeVisible();
    expect(consoleProblems.messages).toEqual([]);
  });

  test('overview: a focused PV deep in a long group is rendered and highlighted', async ({
    page,
    consoleProblems,
  }) => {
    const target = name(300);
    await page.goto(`/vm-disks/overview?focus=PersistentVolume//${target}`);
    await waitForHost(page);
    const group = page.locator(
      '[data-test="overview-pvs"] [data-test="pv-group"][data-node="worker-1"]',
    );
    const row = group.locator(`[data-test-row="${target}"]`);
    await expect(row).toHaveAttribute('data-focused', 'true');
    await expect(row).toBeInViewport();
    await expect(group.locator('[data-test-row="e2e-long-0000"]')).toHaveCount(0);
    expect(await renderedRows(group).count()).toBeLessThan(60);
    expect(consoleProblems.messages).toEqual([]);
  });

  test('host PV list: windowed against the page scroll', async ({ page, consoleProblems }) => {
    await page.goto('/k8s/cluster/persistentvolumes');
    await waitForHost(page);
    const table = page.locator('[data-test="resource-list"]');
    await expect(table.locator('[data-test-row]').first()).toBeVisible();
    const total = Number(await table.getAttribute('data-row-count'));
    expect(total).toBeGreaterThanOrEqual(COUNT);
    await expect(table).toHaveAttribute('aria-rowcount', String(total + 1));
    expect(await renderedRows(table).count()).toBeLessThan(80);
    await expect(table.locator(`[data-test-row="${LAST}"]`)).toHaveCount(0);

    // Scroll the page to the bottom, a screen at a time, as a user would.
    await table.hover();
    for (let i = 0; i < 80; i++) {
      await page.mouse.wheel(0, 1500);
      if ((await table.locator(`[data-test-row="${LAST}"]`).count()) > 0) break;
    }
    await expect(table.locator(`[data-test-row="${LAST}"]`)).toBeVisible();
    expect(await renderedRows(table).count()).toBeLessThan(80);
    expect(consoleProblems.messages).toEqual([]);
  });
});
