/**
 * UI size budgets (issue 9): after `npm run build:all`, the gzipped entry script and each exposed module's JS
 * (with every chunk it imports statically) must stay within budgets.json. Size is stable, unlike time, so
 * this can fail CI. The table is printed either way.
 */
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { budgetTable, bundleSizes, compareToBudgets, type Budgets } from '../bench/ui/bundle-sizes';

test('the plugin stays within its size budgets', () => {
  const budgets = JSON.parse(readFileSync('budgets.json', 'utf8')) as Budgets;
  const sizes = bundleSizes('dist');
  expect(sizes.modules.length).toBeGreaterThan(0);
  // Every module pulls in at least its own file; the walk found the shared chunks too.
  for (const m of sizes.modules) expect(m.files).toContain(m.file);
  const rows = compareToBudgets(sizes, budgets);
  const table = budgetTable(rows);
  process.stdout.write(`\nUI budgets (gzipped):\n${table}\n`);
  const over = rows
    .filter((r) => r.over)
    .map((r) => `${r.what}: ${r.kib} KiB > ${r.budgetKiB} KiB`);
  expect(over, `over budget (see budgets.json "comment"):\n${table}`).toEqual([]);
});
