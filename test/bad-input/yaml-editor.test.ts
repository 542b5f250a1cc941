/**
 * What gets pasted into the storage-defaults YAML editor: alias bombs, deep nesting, huge documents, several
 * documents, binary junk. The editor's check must answer with a specific problem (never hang or throw), and
 * the same text sent to the cluster must be refused without touching the stored ConfigMap.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { checkStorageDefaultsYaml } from '../../src/lib/storage-defaults-yaml';
import { differences, snapshot, type Snapshot } from '../support/snapshot';
import { BrowserSession, KUBE, startStack, type Stack } from '../support/stack';

const context = {
  name: 'kubevirt-storage-class-defaults',
  namespace: 'openshift-cnv',
  storageClasses: ['local'],
};
const CM_PATH = `${KUBE}/api/v1/namespaces/openshift-cnv/configmaps/kubevirt-storage-class-defaults`;

function aliasBomb(levels: number): string {
  const lines = [
    'apiVersion: v1',
    'kind: ConfigMap',
    'metadata:',
    '  name: kubevirt-storage-class-defaults',
  ];
  lines.push(
    '  namespace: openshift-cnv',
    'x0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
  );
  for (let i = 1; i < levels; i++) {
    lines.push(`x${i}: &a${i} [${Array.from({ length: 9 }, () => `*a${i - 1}`).join(',')}]`);
  }
  lines.push(`data:\n  bomb: *a${levels - 1}`);
  return lines.join('\n');
}

const header =
  'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: kubevirt-storage-class-defaults\n  namespace: openshift-cnv\n';

/** [what, text, problem kinds, whether the API server refuses the text too] */
const CASES: [string, () => string, RegExp, boolean][] = [
  [
    'billion laughs (9^9 aliases)',
    () => aliasBomb(9),
    /syntax|value-not-string|data-not-map|unknown-field/,
    true,
  ],
  [
    'deep nesting (5,000 levels)',
    () => `${header}data:\n  x: ${'['.repeat(5000)}${']'.repeat(5000)}`,
    /./,
    true,
  ],
  [
    'huge document (a 1.2 MiB value, over the 1 MiB ConfigMap limit)',
    () => `${header}data:\n  accessMode: ${'x'.repeat(1_200_000)}\n`,
    /./,
    true,
  ],
  [
    'many keys (2,000 unknown classes)',
    () =>
      `${header}data:\n${Array.from({ length: 2000 }, (_, i) => `  key${i}.accessMode: ReadWriteOnce`).join('\n')}`,
    /unknown/,
    false,
  ],
  ['two documents', () => `${header}---\n${header}`, /syntax/, false],
  ['binary junk', () => '\u0000\u0001\u0002\uFFFD\u0007 : : [ {', /syntax|not-an-object/, true],
  ['a list instead of an object', () => '- a\n- b\n', /not-an-object/, true],
  [
    'duplicate keys',
    () => `${header}data:\n  accessMode: ReadWriteOnce\n  accessMode: ReadWriteMany\n`,
    /syntax/,
    false,
  ],
  ['wrong kind', () => header.replace('ConfigMap', 'Secret'), /wrong-kind/, true],
];

let stack: Stack;
let admin: BrowserSession;
let before: Snapshot;
let original: { data?: Record<string, string> } & Record<string, unknown>;

beforeAll(async () => {
  // The storage-defaults ConfigMap exists only in the seed's era (HCO < 1.7).
  stack = await startStack({ profile: 'legacy' });
  admin = await new BrowserSession(stack.base).loginAs('admin');
  original = JSON.parse((await admin.request('GET', CM_PATH)).body) as typeof original;
  before = await snapshot(stack);
});

// A case that got through must not make the next ones fail: put the stored ConfigMap back.
afterEach(async () => {
  if (differences(before, await snapshot(stack)).length === 0) return;
  const copy = structuredClone(original) as { metadata: Record<string, unknown> };
  delete copy.metadata.resourceVersion;
  delete copy.metadata.managedFields;
  await admin.request('PUT', CM_PATH, copy);
  before = await snapshot(stack);
});

afterAll(async () => {
  await stack.close();
});

describe('the editor check answers every hostile document with a specific problem', () => {
  for (const [what, make, kinds, clusterRefuses] of CASES) {
    it(what, async () => {
      const text = make();
      const check = checkStorageDefaultsYaml(text, context);
      const errors = check.problems.filter((p) => p.severity === 'error');
      expect(errors.length).toBeGreaterThan(0);
      expect(errors.map((p) => p.kind).join(' ')).toMatch(kinds);
      for (const p of errors) {
        expect(p.line).toBeGreaterThanOrEqual(1);
        expect(p.column).toBeGreaterThanOrEqual(1);
      }
      // Where the API server refuses the text too (kubectl replace of it), it answers 4xx and changes nothing.
      // (It accepts well-formed ConfigMaps whatever their keys: refusing those is the editor's job alone.)
      if (clusterRefuses) {
        const res = await admin.request('PUT', CM_PATH, text, {
          'content-type': 'application/yaml',
        });
        expect(res.status).toBeGreaterThanOrEqual(400);
        expect(res.status).toBeLessThan(500);
      }
      expect(differences(before, await snapshot(stack))).toEqual([]);
    });
  }
});
