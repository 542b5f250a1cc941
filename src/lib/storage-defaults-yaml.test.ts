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
});
