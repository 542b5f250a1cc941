import { describe, expect, it } from 'vitest';
import { jsonPatch, mergePatch, strategicMergePatch } from './patch';

describe('merge patch (RFC 7386)', () => {
  it('merges objects, replaces lists and deletes with null', () => {
    expect(
      mergePatch({ a: 1, b: { c: 2, d: 3 }, l: [1, 2] }, { b: { c: null, e: 4 }, l: [3] }),
    ).toEqual({
      a: 1,
      b: { d: 3, e: 4 },
      l: [3],
    });
  });
});

describe('JSON patch (RFC 6902)', () => {
  it('adds, replaces, removes, moves, copies and tests', () => {
    const doc = { a: { b: [1, 2] }, c: 'x' };
    expect(
      jsonPatch(doc, [
        { op: 'add', path: '/a/b/-', value: 3 },
        { op: 'add', path: '/a/b/0', value: 0 },
        { op: 'replace', path: '/c', value: 'y' },
        { op: 'copy', from: '/c', path: '/d' },
        { op: 'move', from: '/d', path: '/e~1f' },
        { op: 'remove', path: '/a/b/1' },
        { op: 'test', path: '/c', value: 'y' },
      ]),
    ).toEqual({ a: { b: [0, 2, 3] }, c: 'y', 'e/f': 'y' });
    expect(doc).toEqual({ a: { b: [1, 2] }, c: 'x' });
  });

  it('fails on a missing path or a failed test', () => {
    expect(() => jsonPatch({}, [{ op: 'remove', path: '/nope' }])).toThrow(/missing/);
    expect(() => jsonPatch({ a: 1 }, [{ op: 'test', path: '/a', value: 2 }])).toThrow(
      /test failed/,
    );
  });
});

describe('strategic merge patch', () => {
  it('merges containers by name and conditions by type', () => {
    const current = {
      spec: {
        containers: [
          { name: 'a', image: '1' },
          { name: 'b', image: '1' },
        ],
      },
      status: {
        conditions: [
          { type: 'Ready', status: 'False' },
          { type: 'Bound', status: 'True' },
        ],
      },
    };
    const out = strategicMergePatch(current, {
      spec: {
        containers: [
          { name: 'b', image: '2' },
          { name: 'c', image: '3' },
        ],
      },
      status: { conditions: [{ type: 'Ready', status: 'True' }] },
    });
    expect(out).toEqual({
      spec: {
        containers: [
          { name: 'a', image: '1' },
          { name: 'b', image: '2' },
          { name: 'c', image: '3' },
        ],
      },
      status: {
        conditions: [
          { type: 'Ready', status: 'True' },
          { type: 'Bound', status: 'True' },
        ],
      },
    });
  });

  it('understands $patch directives and primitive-list deletion', () => {
    const current = {
      metadata: { finalizers: ['a', 'b'] },
      spec: { volumes: [{ name: 'x' }, { name: 'y' }], keep: { a: 1 } },
    };
    expect(
      strategicMergePatch(current, {
        metadata: { finalizers: ['c'], '$deleteFromPrimitiveList/finalizers': ['a'] },
        spec: { volumes: [{ name: 'x', $patch: 'delete' }], keep: { $patch: 'replace', b: 2 } },
      }),
    ).toEqual({
      metadata: { finalizers: ['b', 'c'] },
      spec: { volumes: [{ name: 'y' }], keep: { b: 2 } },
    });
  });

  it('replaces lists of primitives and unknown lists', () => {
    expect(
      strategicMergePatch(
        { spec: { accessModes: ['ReadWriteOnce'] } },
        { spec: { accessModes: ['ReadWriteMany'] } },
      ),
    ).toEqual({
      spec: { accessModes: ['ReadWriteMany'] },
    });
  });
});
