import { CDI_MATRIX, MATRIX_CONTENT_TYPES, MATRIX_SOURCES } from '../src/lib/cdi-matrix';
import { expect, test, waitForHost } from './support/fixtures';

test.describe('CDI operations matrix', () => {
  test('renders the shared table with support and scratch marks, and explains a cell on hover', async ({
    page,
    consoleProblems,
  }) => {
    await page.goto('/');
    await waitForHost(page);
    await page.locator('[data-test="vm-disks-nav-cdi-operations"]').click();
    await expect(page).toHaveURL(/\/vm-disks\/cdi-operations$/);
    const table = page.locator('[data-test="cdi-matrix"]');
    for (const contentType of MATRIX_CONTENT_TYPES) {
      for (const source of MATRIX_SOURCES) {
        const cell = table.locator(`[data-test-row="${contentType}"] [data-source="${source}"]`);
        const entries = CDI_MATRIX[contentType][source];
        await expect(cell.locator('[data-test="matrix-entry"]')).toHaveCount(entries.length);
        for (const entry of entries) {
          const mark = cell.locator(`[data-format="${entry.format}"]`);
          await expect(mark).toHaveAttribute('data-supported', String(entry.supported));
          await expect(mark).toHaveAttribute('data-scratch', entry.scratch);
        }
      }
    }
    // The seed's marks: QCOW2* for uploads, GZ unsupported from a registry, TAR not uploadable.
    await expect(
      table.locator(
        '[data-test-row="kubevirt-qcow2"] [data-source="upload"] [data-format="qcow2"]',
      ),
    ).toHaveText('QCOW2*');
    await expect(
      table.locator('[data-test-row="kubevirt-qcow2"] [data-source="https"] [data-format="qcow2"]'),
    ).toHaveText('QCOW2**');

    await table
      .locator('[data-test-row="kubevirt-raw"] [data-source="upload"] [data-format="raw"]')
      .hover();
    // Tooltips are found by their own name: the previous one may still be fading out (slowly, on a loaded
    // machine) when the next appears.
    await expect(page.getByRole('tooltip', { name: /^RAW from Upload/ })).toContainText(
      'QEMU-IMG does not accept input from stdin',
    );
    await table
      .locator('[data-test-row="archive"] [data-source="registry"] [data-format="tar"]')
      .hover();
    await expect(page.getByRole('tooltip', { name: /^TAR from Registry/ })).toContainText(
      'Not supported.',
    );
    expect(consoleProblems.messages).toEqual([]);
  });
});
