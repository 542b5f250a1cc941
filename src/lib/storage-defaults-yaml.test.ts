import { describe, expect, it } from 'vitest';
import { checkStorageDefaultsYaml, toYaml } from './storage-defaults-yaml';

const context = {
  name: 'kubevirt-storage-class-defaults',
  namespace: 'openshift-cnv',
  storageClasses: ['local', 'hpp'],
};

const yamlWith = (data: string): string => `apiVersion: v1
kind: ConfigMap
metadata:
  name: kubevirt-storage-class-defaults
  namespace: openshift-cnv
data:
${data}`;

describe('checkStorageDefaultsYaml', () => {
  it('accepts a valid object and returns its data', () => {
    const result = checkStorageDefaultsYaml(
      yamlWith('  accessMode: ReadWriteOnce\n  hpp.volumeMode: Filesystem\n'),
      context,
    );
    expect(result.problems).toEqual([]);
    expect(result.object?.data).toEqual({
      accessMode: 'ReadWriteOnce',
      'hpp.volumeMode': 'Filesystem',
    });
  });

  it('marks a syntax error on its line', () => {
    const result = checkStorageDefaultsYaml(
      yamlWith('  accessMode: [ReadWriteOnce\n  volumeMode: x\n'),
      context,
    );
    expect(result.problems[0]).toMatchObject({ kind: 'syntax', severity: 'error' });
    expect(result.problems[0]?.line).toBeGreaterThanOrEqual(7);
    expect(result.object).toBeUndefined();
  });

  it('marks unknown keys, invalid values and missing classes on the right lines', () => {
    const result = checkStorageDefaultsYaml(
      yamlWith(
        '  accessMode: ReadWriteOnce\n  colour: blue\n  volumeMode: Blok\n  nope.accessMode: ReadWriteOnce\n',
      ),
      context,
    );
    expect(result.problems.map((p) => [p.kind, p.line, p.column])).toEqual([
      ['unknown-key', 8, 3],
      ['invalid-value', 9, 15],
      ['unknown-class', 10, 3],
    ]);
  });

  it('marks wrong structure: kind, name, non-string values, unknown top-level fields', () => {
    const text = `apiVersion: v1
kind: Secret
metadata:
  name: other
spec: {}
data:
  accessMode: 3
`;
    const result = checkStorageDefaultsYaml(text, context);
    expect(result.problems.map((p) => [p.kind, p.line])).toEqual([
      ['wrong-kind', 2],
      ['wrong-name', 4],
      ['unknown-field', 5],
      ['value-not-string', 7],
    ]);
  });

  it('prints without managedFields and round-trips', () => {
    const text = toYaml({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: {
        name: 'kubevirt-storage-class-defaults',
        namespace: 'openshift-cnv',
        managedFields: [{}],
      },
      data: { accessMode: 'ReadWriteOnce' },
    });
    expect(text).not.toContain('managedFields');
    expect(checkStorageDefaultsYaml(text, context).object?.data).toEqual({
      accessMode: 'ReadWriteOnce',
    });
  });
  it('checks a document with 16,000 keys (near the 1 MiB limit) and places every marker', () => {
    // Key i (on line 7 + i) sets class `<local|hpp>-i`; every 1000th class does not exist, every
    // 500th key (offset 250) has an invalid value.
    const className = (i: number) => `${i % 2 === 0 ? 'local' : 'hpp'}-${String(i)}`;
    const lines = Array.from({ length: 16_000 }, (_, i) =>
      i % 3 === 0
        ? `  ${className(i)}.volumeMode: ${i % 500 === 250 ? 'Sideways' : 'Block'}`
        : `  ${className(i)}.accessMode: ${i % 500 === 250 ? 'Sideways' : 'ReadWriteMany'}`,
    );
    const text = yamlWith(`${lines.join('\n')}\n`);
    expect(text.length).toBeLessThan(1024 * 1024);
    const classes = Array.from({ length: 16_000 }, (_, i) => i)
      .filter((i) => i % 1000 !== 0)
      .map(className);
    const result = checkStorageDefaultsYaml(text, { ...context, storageClasses: classes });
    expect(Object.keys(result.object?.data ?? {})).toHaveLength(16_000);
    const unknown = result.problems.filter((p) => p.kind === 'unknown-class');
    const invalid = result.problems.filter((p) => p.kind === 'invalid-value');
    expect(unknown.map((p) => p.storageClass)).toEqual(
      Array.from({ length: 16 }, (_, k) => className(k * 1000)),
    );
    expect(invalid).toHaveLength(32);
    expect(result.problems).toHaveLength(48);
    // Unknown classes mark the key, invalid values mark the value, on the key's own line.
    expect(unknown[3]).toMatchObject({ key: 'local-3000.volumeMode', line: 3007, column: 3 });
    const sideways = invalid.find((p) => p.key === 'local-15750.volumeMode');
    expect(sideways).toMatchObject({ value: 'Sideways', line: 15_757, endLine: 15_757 });
    expect(sideways?.column).toBe('  local-15750.volumeMode: '.length + 1);
  });

  it('reports a duplicate key among 16,000 as a syntax error at the repeated key', () => {
    const keys = Array.from(
      { length: 16_000 },
      (_, i) => `  c${String(i)}.accessMode: ReadWriteOnce`,
    );
    keys.push('  c123.accessMode: ReadWriteMany');
    const result = checkStorageDefaultsYaml(yamlWith(keys.join('\n')), context);
    expect(result.object).toBeUndefined();
    expect(result.problems).toEqual([
      expect.objectContaining({
        kind: 'syntax',
        detail: 'Map keys must be unique',
        line: 16_007,
        column: 3,
      }),
    ]);
  });
});
