/**
 * `npm run bench:budgets -- --write`: sets budgets.json to today's gzipped sizes + 15 % (rounded up to whole
 * KiB). Without `--write`, prints the table against the current budgets and exits 1 when one is exceeded.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { budgetTable, bundleSizes, compareToBudgets, type Budgets } from './bundle-sizes';

const HEADROOM = 1.15;
const COMMENT =
  'Gzipped KiB (level 9, each file on its own) the console downloads: the entry script, and per exposed module ' +
  "its chunk plus every chunk it imports statically. Budgets are today's size + 15 %, rounded up; a module " +
  'without its own entry gets defaultModuleKiB. e2e/quality-budgets.spec.ts fails CI when one is exceeded. ' +
  'Raise a budget only with a reason in the commit message; re-baseline with `npm run bench:budgets -- --write`.';

const sizes = bundleSizes('dist');
if (process.argv.includes('--write')) {
  const up = (bytes: number) => Math.ceil((bytes / 1024) * HEADROOM);
  const modulesKiB = Object.fromEntries(
    [...sizes.modules]
      .sort((a, b) => a.name.localeCompare(b.name))
      .map((m) => [m.name, up(m.gzipBytes)]),
  );
  const budgets: Budgets = {
    comment: COMMENT,
    entryKiB: Math.max(4, up(sizes.entry.gzipBytes)),
    defaultModuleKiB: Math.max(...Object.values(modulesKiB)),
    modulesKiB,
  };
  writeFileSync('budgets.json', `${JSON.stringify(budgets, null, 2)}\n`);
  process.stdout.write('budgets.json written\n');
}
const budgets = JSON.parse(readFileSync('budgets.json', 'utf8')) as Budgets;
const rows = compareToBudgets(sizes, budgets);
process.stdout.write(`${budgetTable(rows)}\n`);
if (rows.some((r) => r.over)) process.exit(1);
