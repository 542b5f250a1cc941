import { describe, expect, it } from 'vitest';
import { compareToBudgets, moduleMap, staticImports } from './bundle-sizes';

describe('staticImports', () => {
  it('finds static imports and re-exports of minified chunks, not dynamic imports', () => {
    const code =
      'import{n as e}from"./chunks/a.js";import"./chunks/side.css.js";export{x}from"./b.js";' +
      'const l=()=>import("./chunks/lazy.js");import*as R from"./chunks/ns.js";' +
      'import t from"react";export*from"./chunks/star.js";';
    expect(staticImports(code)).toEqual([
      './chunks/a.js',
      './chunks/side.css.js',
      './b.js',
      './chunks/ns.js',
      './chunks/star.js',
    ]);
  });
});

describe('moduleMap and budgets', () => {
  it('reads the entry script module map and flags modules over budget', () => {
    const map = moduleMap('var MODULES = {"A":{"js":"exposed-A.x.js","css":[]}};\n');
    expect(map).toEqual({ A: { js: 'exposed-A.x.js', css: [] } });
    const rows = compareToBudgets(
      {
        entry: { file: 'e.js', gzipBytes: 1000 },
        modules: [
          { name: 'A', file: 'a.js', files: ['a.js'], gzipBytes: 3 * 1024 },
          { name: 'B', file: 'b.js', files: ['b.js'], gzipBytes: 10 * 1024 },
        ],
      },
      { entryKiB: 1, defaultModuleKiB: 5, modulesKiB: { A: 2 } },
    );
    expect(rows.map((r) => r.over)).toEqual([false, true, true]);
    expect(rows[2]?.what).toContain('[default budget]');
  });
});
