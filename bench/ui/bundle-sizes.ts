/**
 * Gzipped size of what the console downloads for the plugin: the entry script, and for each exposed module its
 * JS chunk plus every chunk it imports statically (transitively: what loading the module pulls in before it
 * runs). Read from the built dist/: the entry script's module map (`var MODULES = {...}`) and the `import`/
 * `export ... from` statements of the built chunks. Each file is gzipped on its own (as it is served), level 9.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

export interface ModuleSize {
  name: string;
  /** The module's own file. */
  file: string;
  /** Every JS file it loads statically, itself included. */
  files: string[];
  gzipBytes: number;
}

export interface BundleSizes {
  entry: { file: string; gzipBytes: number };
  modules: ModuleSize[];
}

const gzipCache = new Map<string, number>();

function gzipSize(file: string): number {
  let size = gzipCache.get(file);
  if (size === undefined) {
    size = gzipSync(readFileSync(file), { level: 9 }).length;
    gzipCache.set(file, size);
  }
  return size;
}

/** Specifiers of static imports and re-exports of a built ES module (not `import()`). */
export function staticImports(code: string): string[] {
  const out: string[] = [];
  const re = /(?:^|[;}\s])(?:import|export)\s*(?:[\w$*{][^"'`;]*?\bfrom\s*)?["']([^"']+)["']/g;
  for (let m = re.exec(code); m; m = re.exec(code)) out.push(m[1]);
  return out.filter((s) => s.startsWith('.'));
}

function closure(distDir: string, file: string, seen = new Set<string>()): Set<string> {
  if (seen.has(file)) return seen;
  seen.add(file);
  const code = readFileSync(path.join(distDir, file), 'utf8');
  for (const spec of staticImports(code)) {
    const next = path.posix.normalize(path.posix.join(path.posix.dirname(file), spec));
    closure(distDir, next, seen);
  }
  return seen;
}

export function moduleMap(entryCode: string): Record<string, { js: string }> {
  const m = /var MODULES = (\{.*?\});\n/s.exec(entryCode);
  if (!m?.[1]) throw new Error('the entry script has no `var MODULES = {...};` map');
  return JSON.parse(m[1]) as Record<string, { js: string }>;
}

export function bundleSizes(distDir = 'dist'): BundleSizes {
  const manifest = JSON.parse(readFileSync(path.join(distDir, 'plugin-manifest.json'), 'utf8')) as {
    loadScripts: string[];
  };
  const entryFile = manifest.loadScripts[0];
  if (!entryFile) throw new Error('plugin-manifest.json has no loadScripts');
  const entryCode = readFileSync(path.join(distDir, entryFile), 'utf8');
  const modules = Object.entries(moduleMap(entryCode)).map(([name, { js }]) => {
    const files = [...closure(distDir, js)];
    return {
      name,
      file: js,
      files,
      gzipBytes: files.reduce((sum, f) => sum + gzipSize(path.join(distDir, f)), 0),
    };
  });
  return {
    entry: { file: entryFile, gzipBytes: gzipSize(path.join(distDir, entryFile)) },
    modules,
  };
}

export interface Budgets {
  comment?: string;
  entryKiB: number;
  defaultModuleKiB: number;
  modulesKiB: Record<string, number>;
}

export interface BudgetRow {
  what: string;
  kib: number;
  budgetKiB: number;
  over: boolean;
}

export function compareToBudgets(sizes: BundleSizes, budgets: Budgets): BudgetRow[] {
  const kib = (bytes: number) => Math.round((bytes / 1024) * 10) / 10;
  const rows: BudgetRow[] = [
    {
      what: `entry script (${sizes.entry.file})`,
      kib: kib(sizes.entry.gzipBytes),
      budgetKiB: budgets.entryKiB,
      over: sizes.entry.gzipBytes > budgets.entryKiB * 1024,
    },
  ];
  for (const m of [...sizes.modules].sort((a, b) => a.name.localeCompare(b.name))) {
    const budgetKiB = budgets.modulesKiB[m.name] ?? budgets.defaultModuleKiB;
    rows.push({
      what: `${m.name} (${m.files.length} files)${m.name in budgets.modulesKiB ? '' : ' [default budget]'}`,
      kib: kib(m.gzipBytes),
      budgetKiB,
      over: m.gzipBytes > budgetKiB * 1024,
    });
  }
  return rows;
}

export function budgetTable(rows: BudgetRow[]): string {
  const lines = ['| what | gzipped KiB | budget KiB | |', '|---|---:|---:|---|'];
  for (const r of rows) {
    lines.push(`| ${r.what} | ${r.kib.toFixed(1)} | ${r.budgetKiB} | ${r.over ? 'OVER' : 'ok'} |`);
  }
  return lines.join('\n');
}
