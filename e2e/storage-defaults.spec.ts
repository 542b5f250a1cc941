import type { Page } from '@playwright/test';
import { kubectl } from './support/cluster';
import { expect, test, waitForHost } from './support/fixtures';

const PAGE = '/vm-disks/storage-defaults';
const CM = ['configmap', 'kubevirt-storage-class-defaults', '-n', 'openshift-cnv'];

const storedData = (): Record<string, string> =>
  (JSON.parse(kubectl(['get', ...CM, '-o', 'json'])) as { data?: Record<string, string> }).data ??
  {};

/** Removes the keys the tests add, leaving HyperConverged's keys alone. */
const resetTestKeys = (): void => {
  kubectl([
    'patch',
    ...CM,
    '--type=merge',
    '-p',
    JSON.stringify({ data: { 'local.accessMode': null, 'local.volumeMode': null } }),
  ]);
};

const openEditor = async (page: Page): Promise<void> => {
  await page.goto(PAGE);
  await waitForHost(page);
  await expect(page.locator('[data-test="storage-defaults-form"]')).toBeVisible();
  await expect(page.locator('[data-test="configmap-location"]')).toContainText('openshift-cnv');
};

/** Replaces the whole YAML editor content by pasting (typing would trigger the editor's auto-indent). */
const setYaml = async (page: Page, text: string): Promise<void> => {
  const input = page.locator('[data-test="storage-defaults-yaml"] .monaco-editor textarea');
  await input.focus();
  await page.keyboard.press('ControlOrMeta+A');
  await input.evaluate((textarea, pasted) => {
    const data = new DataTransfer();
    data.setData('text/plain', pasted);
    textarea.dispatchEvent(
      new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }),
    );
  }, text);
};

/** The text of the editor lines that carry an error squiggle. */
const squiggledLines = (page: Page): Promise<string[]> =>
  page.evaluate(() => {
    const root = document.querySelector('[data-test="storage-defaults-yaml"] .monaco-editor');
    if (!root) return [];
    const lineAt = new Map<string, string>();
    root.querySelectorAll<HTMLElement>('.view-lines .view-line').forEach((line) => {
      lineAt.set(line.style.top, line.textContent.replace(/\u00a0/g, ' '));
    });
    return [...root.querySelectorAll<HTMLElement>('.squiggly-error')].map((squiggle) => {
      const row = squiggle.closest<HTMLElement>('.view-overlays > div');
      return lineAt.get(row?.style.top ?? '') ?? '';
    });
  });

test.describe('Storage defaults', () => {
  test.afterEach(() => {
    resetTestKeys();
  });

  test('a form edit shows in the YAML view, saves, and survives a reload', async ({
    page,
    consoleProblems,
  }) => {
    await page.goto('/');
    await waitForHost(page);
    await page.locator('[data-test="vm-disks-nav-storage-defaults"]').click();
    await expect(page).toHaveURL(/\/vm-disks\/storage-defaults$/);
    await expect(page.locator('[data-test="storage-defaults-form"]')).toBeVisible();

    await page.locator('[data-test="add-override"]').click();
    const row = page.locator('[data-test="override-row"]').last();
    await row.locator('[data-test="override-class"]').selectOption('local');
    await row.locator('[data-test="override-access-mode"]').selectOption('ReadWriteOnce');
    await row.locator('[data-test="override-volume-mode"]').selectOption('Block');
    // Only the valid values are offered.
    await expect(row.locator('[data-test="override-volume-mode"] option')).toHaveText([
      'Not set (use the default)',
      'Filesystem',
      'Block',
    ]);

    await page.locator('[data-test="view-yaml"]').click();
    const lines = page.locator('[data-test="storage-defaults-yaml"] .view-lines');
    await expect(lines).toContainText(/local\.accessMode:\s+ReadWriteOnce/);
    await expect(lines).toContainText(/local\.volumeMode:\s+Block/);
    await expect(page.locator('[data-test="yaml-problems"]')).toHaveAttribute('data-errors', '0');

    // Back to the form without loss, then save from there.
    await page.locator('[data-test="view-form"]').click();
    await expect(
      page.locator(
        '[data-test="override-row"][data-test-row="local"] [data-test="override-volume-mode"]',
      ),
    ).toHaveValue('Block');
    await page.locator('[data-test="save"]').click();
    await expect(page.locator('[data-test="saved"]')).toBeVisible();
    expect(storedData()).toMatchObject({
      'local.accessMode': 'ReadWriteOnce',
      'local.volumeMode': 'Block',
    });

    await page.reload();
    await waitForHost(page);
    const saved = page.locator('[data-test="override-row"][data-test-row="local"]');
    await expect(saved.locator('[data-test="override-access-mode"]')).toHaveValue('ReadWriteOnce');
    await expect(saved.locator('[data-test="override-volume-mode"]')).toHaveValue('Block');
    expect(consoleProblems.messages).toEqual([]);
  });

  test('YAML with each kind of error is refused, with a marker on the offending line', async ({
    page,
  }) => {
    await openEditor(page);
    await page.locator('[data-test="view-yaml"]').click();
    await expect(page.locator('[data-test="storage-defaults-yaml"] .monaco-editor')).toBeVisible();
    const before = storedData();
    const header = [
      'apiVersion: v1',
      'kind: ConfigMap',
      'metadata:',
      '  name: kubevirt-storage-class-defaults',
      '  namespace: openshift-cnv',
      'data:',
      '  accessMode: ReadWriteOnce',
    ];
    const cases = [
      { kind: 'syntax', line: '  volumeMode: Filesystem: Block', text: 'volumeMode' },
      { kind: 'unknown-key', line: '  colour: blue', text: 'colour' },
      { kind: 'invalid-value', line: '  volumeMode: Blok', text: 'Blok' },
      {
        kind: 'unknown-class',
        line: '  no-such-class.accessMode: ReadWriteOnce',
        text: 'no-such-class',
      },
    ];
    for (const c of cases) {
      await setYaml(page, [...header, c.line, ''].join('\n'));
      const problem = page.locator(`[data-test="yaml-problem"][data-kind="${c.kind}"]`).first();
      await expect(problem).toBeVisible();
      await expect(problem).toHaveAttribute('data-severity', 'error');
      await expect(problem).toHaveAttribute('data-line', String(header.length + 1));
      await expect(page.locator('[data-test="save"]')).toBeDisabled();
      await expect(page.locator('[data-test="save-blocked"]')).toBeVisible();
      await expect.poll(() => squiggledLines(page)).toContainEqual(expect.stringContaining(c.text));
    }
    // A syntax error also keeps the form view closed, so nothing is lost.
    await setYaml(page, [...header, cases[0]?.line ?? '', ''].join('\n'));
    await page.locator('[data-test="view-form"]').click();
    await expect(page.locator('[data-test="switch-refused"]')).toBeVisible();

    // Fixed, it saves.
    await setYaml(page, [...header, '  local.volumeMode: Filesystem', ''].join('\n'));
    await expect(page.locator('[data-test="yaml-problems"]')).toHaveAttribute('data-errors', '0');
    await expect(page.locator('[data-test="save"]')).toBeEnabled();
    expect(storedData()).toEqual(before);
    await page.locator('[data-test="save"]').click();
    await expect(page.locator('[data-test="saved"]')).toBeVisible();
    expect(storedData()['local.volumeMode']).toBe('Filesystem');
  });

  test('a concurrent edit causes a conflict the user resolves by re-applying', async ({ page }) => {
    await openEditor(page);
    await page.locator('[data-test="add-override"]').click();
    const row = page.locator('[data-test="override-row"]').last();
    await row.locator('[data-test="override-class"]').selectOption('local');
    await row.locator('[data-test="override-access-mode"]').selectOption('ReadWriteOnce');

    // Someone else saves meanwhile.
    kubectl([
      'patch',
      ...CM,
      '--type=merge',
      '-p',
      JSON.stringify({ data: { 'local.volumeMode': 'Block' } }),
    ]);
    await expect(page.locator('[data-test="remote-changed"]')).toBeVisible();

    await page.locator('[data-test="save"]').click();
    const conflict = page.locator('[data-test="conflict"]');
    await expect(conflict).toBeVisible();
    await expect(conflict.locator('[data-test="diff-added"]')).toHaveText([
      '+ local.volumeMode: Block',
    ]);
    expect(storedData()['local.accessMode']).toBeUndefined();

    await page.locator('[data-test="conflict-reapply"]').click();
    await expect(conflict).toHaveCount(0);
    const merged = page.locator('[data-test="override-row"][data-test-row="local"]');
    await expect(merged.locator('[data-test="override-access-mode"]')).toHaveValue('ReadWriteOnce');
    await expect(merged.locator('[data-test="override-volume-mode"]')).toHaveValue('Block');
    await page.locator('[data-test="save"]').click();
    await expect(page.locator('[data-test="saved"]')).toBeVisible();
    expect(storedData()).toMatchObject({
      'local.accessMode': 'ReadWriteOnce',
      'local.volumeMode': 'Block',
    });
  });

  test('a conflict can also be resolved by reloading the remote version', async ({ page }) => {
    await openEditor(page);
    await page.locator('[data-test="default-volume-mode"]').selectOption('Block');
    kubectl([
      'patch',
      ...CM,
      '--type=merge',
      '-p',
      JSON.stringify({ data: { 'local.accessMode': 'ReadWriteOnce' } }),
    ]);
    await page.locator('[data-test="save"]').click();
    await expect(page.locator('[data-test="conflict"]')).toBeVisible();
    await page.locator('[data-test="conflict-reload"]').click();
    await expect(page.locator('[data-test="default-volume-mode"]')).toHaveValue('Filesystem');
    await expect(
      page.locator(
        '[data-test="override-row"][data-test-row="local"] [data-test="override-access-mode"]',
      ),
    ).toHaveValue('ReadWriteOnce');
    expect(storedData().volumeMode).toBe('Filesystem');
  });

  test('warns about unsupported settings and settings HyperConverged reverts', async ({ page }) => {
    await openEditor(page);
    await page.locator('[data-test="default-access-mode"]').selectOption('ReadWriteMany');
    // The default class `local` is node-local storage: ReadWriteMany is unlikely to work there...
    await expect(
      page.locator('[data-test="messages-accessMode"] [data-test="field-warning"]'),
    ).toContainText([
      /HyperConverged manages accessMode/,
      /ReadWriteMany is unlikely to work on local/,
    ]);
    // ...and HyperConverged owns the key.
    await expect(page.locator('[data-test="hco-reverted-key"]')).toHaveText([
      'accessMode: ReadWriteMany will become ReadWriteOnce',
    ]);
  });

  test('shows the StorageProfile recommendation next to each class and copies a row into it', async ({
    page,
  }) => {
    kubectl([
      'patch',
      ...CM,
      '--type=merge',
      '-p',
      JSON.stringify({ data: { 'local.volumeMode': 'Block' } }),
    ]);
    try {
      await openEditor(page);
      const local = page.locator('[data-test="profiles-table"] [data-test-row="local"]');
      await expect(local.locator('[data-test="configmap-gives"]')).toContainText(
        'ReadWriteOnce / Block',
      );
      // CDI does not know the no-provisioner class: its profile recommends nothing until an admin fills it.
      await expect(local.locator('[data-test="profile-recommends"]')).toContainText(
        'CDI does not know',
      );
      await local.locator('[data-test="copy-to-profile"]').click();
      await expect(page.locator('[data-test="profile-copy-result"]')).toContainText(
        'StorageProfile local updated',
      );
      await expect(local.locator('[data-test="profile-recommends"]')).toContainText(
        'ReadWriteOnce / Block',
      );
      const profile = JSON.parse(kubectl(['get', 'storageprofile', 'local', '-o', 'json'])) as {
        spec?: { claimPropertySets?: unknown[] };
      };
      expect(profile.spec?.claimPropertySets).toEqual([
        { accessModes: ['ReadWriteOnce'], volumeMode: 'Block' },
      ]);
    } finally {
      kubectl([
        'patch',
        'storageprofile',
        'local',
        '--type=merge',
        '-p',
        '{"spec":{"claimPropertySets":null}}',
      ]);
    }
  });
  test('a saved override becomes the default of the DataVolume forms', async ({ page }) => {
    await openEditor(page);
    await page.locator('[data-test="add-override"]').click();
    const row = page.locator('[data-test="override-row"]').last();
    await row.locator('[data-test="override-class"]').selectOption('local');
    await row.locator('[data-test="override-volume-mode"]').selectOption('Block');
    await page.locator('[data-test="save"]').click();
    await expect(page.locator('[data-test="saved"]')).toBeVisible();

    // The blank disk form (seed 6.12.5) on the default class `local` starts from that setting.
    await page.goto('/vm-disks/blank-disk');
    await waitForHost(page);
    await expect(page.locator('[data-test="bd-volume-mode"]')).toHaveValue('Block');
    await expect(page.locator('[data-test="bd-access-mode"]')).toHaveValue('ReadWriteOnce');
  });
});
