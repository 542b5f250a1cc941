import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/** Names exported by sdk/index.ts (read syntactically: importing it would pull PatternFly's CSS into Node). */
const exportedNames = (): Set<string> => {
  const file = new URL('./index.ts', import.meta.url);
  const source = ts.createSourceFile(
    'index.ts',
    readFileSync(file, 'utf8'),
    ts.ScriptTarget.ES2022,
  );
  const names = new Set<string>();
  source.forEachChild((node) => {
    if (ts.isExportDeclaration(node) && node.exportClause && ts.isNamedExports(node.exportClause)) {
      node.exportClause.elements.forEach((e) => names.add(e.name.text));
    }
  });
  return names;
};

/** The console SDK functions and components the plugin may use (the fixed surface the host implements). */
const SURFACE = [
  'useK8sWatchResource',
  'useK8sWatchResources',
  'useK8sModel',
  'k8sGet',
  'k8sList',
  'k8sListItems',
  'k8sCreate',
  'k8sUpdate',
  'k8sPatch',
  'k8sDelete',
  'getGroupVersionKindForModel',
  'consoleFetch',
  'consoleFetchJSON',
  'consoleFetchText',
  'HttpError',
  'useActiveNamespace',
  'useActivePerspective',
  'useAccessReview',
  'checkAccess',
  'useFlag',
  'ResourceLink',
  'ResourceIcon',
  'ListPageHeader',
  'ListPageBody',
  'ListPageCreateButton',
  'Timestamp',
  'CodeEditor',
  'DocumentTitle',
  'useOverlay',
  'ErrorBoundaryFallbackPage',
];

describe('the host SDK module', () => {
  const require = createRequire(import.meta.url);
  // core-api.d.ts re-exports the access review functions from app/components/utils/rbac.d.ts.
  const coreApi = ['lib/api/core-api.d.ts', 'lib/app/components/utils/rbac.d.ts']
    .map((f) => readFileSync(require.resolve(`@openshift-console/dynamic-plugin-sdk/${f}`), 'utf8'))
    .join('\n');

  it.each(SURFACE)('provides %s, which the 4.22 SDK exports', (name) => {
    expect(coreApi).toMatch(new RegExp(`\\b${name}\\b`));
    expect(exportedNames().has(name)).toBe(true);
  });
});
