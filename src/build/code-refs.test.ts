import { describe, expect, it } from 'vitest';
import { codeRefProblems, collectCodeRefs, parseCodeRef } from './code-refs.ts';

describe('parseCodeRef', () => {
  it.each([
    ['Page', { moduleName: 'Page', exportName: 'default' }],
    ['actions.usePVActions', { moduleName: 'actions', exportName: 'usePVActions' }],
    ['a.b.c', undefined],
    ['with space', undefined],
    ['', undefined],
    ['.x', undefined],
  ])('%s', (ref, expected) => {
    expect(parseCodeRef(ref)).toEqual(expected);
  });
});

describe('codeRefProblems', () => {
  const exportsByModule = new Map([
    ['Page', ['default']],
    ['actions', ['usePVActions']],
  ]);
  const ext = (ref: string) => [
    { type: 'x.y', properties: { deep: [{ component: { $codeRef: ref } }] } },
  ];

  it('accepts references to existing exports', () => {
    expect(codeRefProblems(ext('Page'), exportsByModule)).toEqual([]);
    expect(codeRefProblems(ext('actions.usePVActions'), exportsByModule)).toEqual([]);
  });

  it('names the missing export and what the module does export', () => {
    expect(codeRefProblems(ext('actions.useMissing'), exportsByModule)).toEqual([
      'extensions[0].properties.deep[0].component: $codeRef "actions.useMissing" needs export ' +
        '"useMissing" of exposed module "actions", which exports only: usePVActions.',
    ]);
  });

  it('names an unknown module and the exposed ones', () => {
    const [problem] = codeRefProblems(ext('Nope'), exportsByModule);
    expect(problem).toContain(
      'module "Nope", which is not in package.json consolePlugin.exposedModules (Page, actions)',
    );
  });

  it('refuses dotted export paths', () => {
    expect(codeRefProblems(ext('actions.a.b'), exportsByModule)[0]).toContain('no dots');
  });

  it('finds every reference in nested extension properties', () => {
    expect(
      collectCodeRefs([{ a: { $codeRef: 'X' }, b: [{ $codeRef: 'Y.z' }] }]).map((r) => r.ref),
    ).toEqual(['X', 'Y.z']);
  });
});
