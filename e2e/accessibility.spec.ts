// Console conventions and accessibility (issue 15 item 8): an axe-core check of every plugin page (and of the
// states a user opens on them: a dialog, a success message), breadcrumbs, a sticky Save/Reload bar, a YAML
// editor that fills the window, success alerts linking what was created, row actions on local volumes,
// distinct navigation names, kind badges that do not wrap and keep their distance from the name.
import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import { kubectl } from './support/cluster';
import { expect, test, waitForHost } from './support/fixtures';

/** WCAG 2.x A/AA and axe's best practices; only serious and critical findings fail the test. */
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

const expectNoSeriousViolations = async (page: Page, where: string): Promise<void> => {
  // Legacy mode runs axe in the page itself (no second page for finishRun): the same rules, a third of the
  // time on a loaded machine; the plugin has no cross-origin frames it would miss.
  const results = await new AxeBuilder({ page }).withTags(TAGS).setLegacyMode(true).analyze();
  const serious = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${where}: ${v.impact ?? ''} ${v.id} (${v.help}) at ${v.nodes
          .slice(0, 3)
          .map((n) => n.target.join(' '))
          .join(', ')}`,
    );
  expect(serious).toEqual([]);
};

/** Waits until a page shows its heading and nothing is still loading. */
const pageReady = async (page: Page, heading: string | RegExp): Promise<void> => {
  await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
  await expect(page.locator('.pf-v6-c-skeleton')).toHaveCount(0);
};

/** Every plugin page, reached from the VM Disks nav section as a user would. */
const NAV_PAGES: { nav: string; heading: string | RegExp }[] = [
  { nav: 'overview', heading: 'VM Disks overview' },
  { nav: 'storage-defaults', heading: 'Storage defaults' },
  { nav: 'scratch-space', heading: /Scratch space/ },
  { nav: 'cdi-operations', heading: 'CDI operations' },
  { nav: 'local-volumes', heading: 'Local volumes' },
  { nav: 'move-disk', heading: /Move disk/ },
  { nav: 'blank-disk', heading: 'Create blank disk' },
  { nav: 'uploads', heading: 'Disk image uploads' },
  { nav: 'hpp-setup', heading: /Local storage setup/ },
];

const box = async (locator: Locator) => {
  const b = await locator.boundingBox();
  expect(b).not.toBeNull();
  return b ?? { x: 0, y: 0, width: 0, height: 0 };
};

test.describe('Accessibility and console conventions', () => {
  test('every page has no serious or critical axe violations', async ({
    page,
    consoleProblems,
  }) => {
    test.setTimeout(600_000);
    await page.goto('/');
    await waitForHost(page);
    for (const { nav, heading } of NAV_PAGES) {
      await page.locator(`[data-test="vm-disks-nav-${nav}"]`).click();
      await pageReady(page, heading);
      await expectNoSeriousViolations(page, nav);
    }
    expect(consoleProblems.messages).toEqual([]);
  });

  test('navigation names are distinct and the local volumes page is titled as its nav item', async ({
    page,
  }) => {
    await page.goto('/');
    await waitForHost(page);
    const names = (
      await page.locator('[data-test="host-nav"] [data-plugin-nav="true"]').allInnerTexts()
    ).map((n) => n.trim());
    expect(names.length).toBeGreaterThanOrEqual(NAV_PAGES.length);
    expect(new Set(names).size).toBe(names.length);
    // No name is the start of another ("Local storage" beside "Local storage setup").
    const prefixes = names.filter((a) => names.some((b) => b !== a && b.startsWith(`${a} `)));
    expect(prefixes).toEqual([]);
    const item = page.locator('[data-test="vm-disks-nav-local-volumes"]');
    const name = (await item.innerText()).trim();
    await item.click();
    await pageReady(page, name);
  });

  test('local volumes: breadcrumb, success alert with a link, row actions, badges', async ({
    page,
    consoleProblems,
  }) => {
    test.setTimeout(300_000);
    const pvName = 'e2e-a11y-pv';
    // A narrow window: the kind badges of the claim column are where "PVC" used to wrap to "PV C".
    await page.setViewportSize({ width: 1100, height: 900 });
    await page.goto('/vm-disks/local-volumes/create?node=worker-1');
    await waitForHost(page);
    await pageReady(page, 'Create local volume');

    const crumbs = page.getByRole('navigation', { name: 'Breadcrumb' });
    await expect(crumbs.getByRole('link', { name: 'Local volumes' })).toHaveAttribute(
      'href',
      '/vm-disks/local-volumes',
    );
    await expect(crumbs.locator('[aria-current="page"]')).toHaveText('Create local volume');
    await expectNoSeriousViolations(page, 'local-volumes/create');

    const form = page.locator('[data-test="local-volume-form"]');
    await form.locator('[data-test="lv-mode-filesystem"]').check();
    await form.locator('[data-test="lv-path"]').fill('/mnt/local-storage/a11y/disk1');
    await form.locator('[data-test="lv-capacity"]').fill('1Gi');
    await form.locator('[data-test="lv-name"]').fill(pvName);
    await form.locator('[data-test="lv-create"]').click();

    // Back on the list, a success alert links the new PersistentVolume.
    await expect(page).toHaveURL(/\/vm-disks\/local-volumes$/);
    const created = page.locator('[data-test="lv-created"]');
    await expect(created).toContainText(`Local volume ${pvName} created`);
    await expect(created.getByRole('link', { name: pvName })).toHaveAttribute(
      'href',
      `/k8s/cluster/persistentvolumes/${pvName}`,
    );
    await pageReady(page, 'Local volumes');
    const row = page.locator(
      `[data-test="lv-node-group"][data-node="worker-1"] [data-test-row="${pvName}"]`,
    );
    await expect(row).toContainText('Available');
    await expectNoSeriousViolations(page, 'local-volumes with a success alert');

    // Kind badges stay on one line; the node heading's badge keeps a space before the node name.
    const badges = page.locator('[data-test="local-volumes"] .vm-disks-host__resource-icon');
    expect(await badges.count()).toBeGreaterThan(0);
    const wrapped = await badges.evaluateAll((els) =>
      els
        .filter((el) => {
          const style = getComputedStyle(el);
          const line = parseFloat(style.lineHeight) || parseFloat(style.fontSize) * 1.5;
          return el.getBoundingClientRect().height > line * 1.5;
        })
        .map((el) => el.textContent),
    );
    expect(wrapped).toEqual([]);
    const heading = page.locator('[data-test="lv-node-group"][data-node="worker-1"] h2');
    const badge = await box(heading.locator('.vm-disks-host__resource-icon'));
    const nodeLink = await box(heading.getByRole('link', { name: 'worker-1' }));
    expect(nodeLink.x - (badge.x + badge.width)).toBeGreaterThanOrEqual(2);

    // Row actions: View YAML leads to the PV's YAML, Delete asks first and says what stays.
    await row.getByRole('button', { name: `Actions for ${pvName}` }).click();
    await page.getByRole('menuitem', { name: 'View YAML' }).click();
    await expect(page).toHaveURL(new RegExp(`/k8s/cluster/persistentvolumes/${pvName}/yaml$`));
    await expect(page.locator('.view-lines, textarea, pre').first()).toContainText(pvName);
    await page.goBack();
    await expect(row).toBeVisible();
    await row.getByRole('button', { name: `Actions for ${pvName}` }).click();
    await page.getByRole('menuitem', { name: 'Delete' }).click();
    const dialog = page.getByRole('dialog', { name: `Delete PersistentVolume ${pvName}?` });
    await expect(dialog.locator('[data-test="lv-delete-keeps"]')).toContainText(
      'The data stays on node worker-1 at /mnt/local-storage/a11y/disk1',
    );
    await expectNoSeriousViolations(page, 'delete dialog');
    await dialog.locator('[data-test="lv-delete-confirm"]').click();
    await expect(dialog).toHaveCount(0);
    await expect(row).toHaveCount(0);
    expect(kubectl(['get', 'pv', '--ignore-not-found', pvName])).toBe('');
    expect(consoleProblems.messages).toEqual([]);
  });

  test('scratch space and storage defaults: a sticky Save/Reload bar and a tall YAML editor', async ({
    page,
    consoleProblems,
  }) => {
    // A short window, so the form is longer than what is in view.
    await page.setViewportSize({ width: 1280, height: 560 });
    await page.goto('/vm-disks/scratch-space');
    await waitForHost(page);
    await pageReady(page, /Scratch space/);
    const bar = page.locator('[data-test="sticky-actions"]');
    await expect(bar.locator('[data-test="scratch-save"]')).toBeVisible();
    const reload = bar.locator('[data-test="scratch-reload"]');
    await expect(reload).toBeDisabled();
    // Pinned to the bottom of the scrolling page while only the top of its form is in view. (A sticky element
    // stays inside its containing block: the form must be partly in view; PatternFly's card, which scrolls its own
    // overflow, must not become the bar's scroll container.)
    const pinned = await bar.evaluate((el) => {
      let scroller = el.parentElement;
      while (
        scroller &&
        !(
          /(auto|scroll)/.test(getComputedStyle(scroller).overflowY) &&
          scroller.scrollHeight > scroller.clientHeight
        )
      ) {
        scroller = scroller.parentElement;
      }
      const form = el.closest('form');
      if (!scroller || !form) return undefined;
      scroller.scrollTop = 0;
      const view = scroller.getBoundingClientRect();
      // 120 px of the form in view, above the bottom edge of the scrolling area.
      scroller.scrollTop += form.getBoundingClientRect().top - (view.bottom - 120);
      const formBox = form.getBoundingClientRect();
      return {
        formBelowView: formBox.bottom > view.bottom + 2,
        gap: view.bottom - el.getBoundingClientRect().bottom,
      };
    });
    // Without the sticky bar, the bar (at the end of the form) would be out of view.
    expect(pinned?.formBelowView).toBe(true);
    expect(Math.abs(pinned?.gap ?? 100)).toBeLessThanOrEqual(2);
    // Reload discards an unsaved choice.
    const select = page.locator('[data-test="scratch-class-select"]');
    const saved = await select.inputValue();
    const other = await select
      .locator('option')
      .evaluateAll(
        (options, current) =>
          options.map((o) => (o as HTMLOptionElement).value).find((v) => v && v !== current) ?? '',
        saved,
      );
    expect(other).not.toBe('');
    await select.selectOption(other);
    await expect(reload).toBeEnabled();
    await reload.click();
    await expect(select).toHaveValue(saved);

    // Storage defaults (StorageProfiles on current platforms): the same bar, and the YAML view fills most of the
    // window.
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.locator('[data-test="vm-disks-nav-storage-defaults"]').click();
    await pageReady(page, 'Storage defaults');
    const profile = page.locator('[data-test="profile-editor"][data-profile="local"]');
    await expect(profile.locator('[data-test="sticky-actions"] [data-test="save"]')).toBeVisible();
    await profile.locator('[data-test="view-yaml"] button').click();
    const editor = profile.locator('[data-test="profile-yaml"] .monaco-editor').first();
    await expect(editor).toBeVisible();
    expect((await box(editor)).height).toBeGreaterThanOrEqual(900 * 0.55);
    await expectNoSeriousViolations(page, 'storage-defaults YAML view');
    expect(consoleProblems.messages).toEqual([]);
  });

  test('blank disk: the success alert links the created DataVolume', async ({
    page,
    consoleProblems,
  }) => {
    const name = 'e2e-a11y-blank';
    await page.goto('/vm-disks/blank-disk');
    await waitForHost(page);
    await pageReady(page, 'Create blank disk');
    const form = page.locator('[data-test="blank-disk-form"]');
    await form.locator('[data-test="bd-namespace"]').fill('vm-images');
    await form.locator('[data-test="bd-name"]').fill(name);
    await form.locator('[data-test="bd-size"]').fill('1Gi');
    await form.locator('[data-test="bd-create"]').click();
    const result = page.locator('[data-test="bd-result"]');
    await expect(result).toContainText(`Blank disk ${name} created`);
    await expect(result).toHaveClass(/pf-m-success/);
    await expect(result.getByRole('link', { name })).toHaveAttribute(
      'href',
      `/k8s/ns/vm-images/cdi.kubevirt.io~v1beta1~DataVolume/${name}`,
    );
    kubectl(['delete', 'dv', name, '-n', 'vm-images', '--wait=false']);
    expect(consoleProblems.messages).toEqual([]);
  });
});
