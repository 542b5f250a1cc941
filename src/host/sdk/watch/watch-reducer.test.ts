import { describe, expect, it } from 'vitest';
import type { K8sResourceCommon } from '../k8s-types';
import { applyWatchEvent, parseWatchFrame, stateFromList } from './watch-reducer';

const pvc = (
  name: string,
  rv: string,
  phase = 'Pending',
): K8sResourceCommon & { status: { phase: string } } => ({
  apiVersion: 'v1',
  kind: 'PersistentVolumeClaim',
  metadata: { name, namespace: 'ns1', resourceVersion: rv },
  status: { phase },
});

const names = (state: ReturnType<typeof stateFromList>): string[] =>
  [...state.items.values()].map((o) => o.metadata?.name ?? '');

describe('watch reducer', () => {
  const initial = stateFromList(
    {
      items: [{ metadata: { name: 'a', namespace: 'ns1', resourceVersion: '5' } }],
      metadata: { resourceVersion: '10' },
    },
    'PersistentVolumeClaim',
    'v1',
  );

  it('fills kind and apiVersion from the list and keeps its resourceVersion', () => {
    expect(initial.resourceVersion).toBe('10');
    expect([...initial.items.values()][0]).toMatchObject({
      kind: 'PersistentVolumeClaim',
      apiVersion: 'v1',
    });
  });

  it('appends ADDED, replaces MODIFIED and removes DELETED objects', () => {
    const added = applyWatchEvent(initial, { type: 'ADDED', object: pvc('b', '11') });
    expect(names(added)).toEqual(['a', 'b']);
    expect(added.resourceVersion).toBe('11');
    const modified = applyWatchEvent(added, { type: 'MODIFIED', object: pvc('a', '12', 'Bound') });
    expect(names(modified)).toEqual(['a', 'b']);
    expect((modified.items.get('ns1/a') as ReturnType<typeof pvc>).status.phase).toBe('Bound');
    const deleted = applyWatchEvent(modified, { type: 'DELETED', object: pvc('b', '13') });
    expect(names(deleted)).toEqual(['a']);
    expect(deleted.resourceVersion).toBe('13');
    expect(names(added)).toEqual(['a', 'b']);
  });

  it('ignores a MODIFIED older than what it holds', () => {
    const fresh = applyWatchEvent(initial, { type: 'MODIFIED', object: pvc('a', '20', 'Bound') });
    const stale = applyWatchEvent(fresh, { type: 'MODIFIED', object: pvc('a', '15', 'Lost') });
    expect(stale).toBe(fresh);
  });

  it('moves the resourceVersion on BOOKMARK without touching items', () => {
    const next = applyWatchEvent(initial, {
      type: 'BOOKMARK',
      object: { metadata: { resourceVersion: '99' } },
    });
    expect(next.resourceVersion).toBe('99');
    expect(next.items).toBe(initial.items);
  });

  it('parses frames holding one or several events', () => {
    const one = JSON.stringify({ type: 'ADDED', object: pvc('x', '1') });
    expect(parseWatchFrame(one)).toHaveLength(1);
    expect(parseWatchFrame(`${one}\n${one}\n`)).toHaveLength(2);
  });
});
