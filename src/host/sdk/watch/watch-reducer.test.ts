import { describe, expect, it } from 'vitest';
import type { K8sResourceCommon } from '../k8s-types';
import { applyWatchEvent, applyWatchEvents, parseWatchFrame, stateFromList } from './watch-reducer';

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

describe('watch reducer, batches', () => {
  const big = stateFromList(
    {
      items: Array.from({ length: 5000 }, (_, i) => ({
        metadata: { name: `pv-${i}`, namespace: '', resourceVersion: '1' },
      })),
      metadata: { resourceVersion: '1' },
    },
    'PersistentVolume',
    'v1',
  );
  const pv = (name: string, rv: string) => ({
    apiVersion: 'v1',
    kind: 'PersistentVolume',
    metadata: { name, namespace: '', resourceVersion: rv },
  });

  it('applies a burst of events in order, as one event at a time would', () => {
    const events = [
      { type: 'MODIFIED' as const, object: pv('pv-1', '2') },
      { type: 'DELETED' as const, object: pv('pv-2', '3') },
      { type: 'ADDED' as const, object: pv('pv-new', '4') },
      { type: 'MODIFIED' as const, object: pv('pv-1', '1') },
      { type: 'BOOKMARK' as const, object: { metadata: { resourceVersion: '9' } } },
    ];
    const batched = applyWatchEvents(big, events);
    const oneByOne = events.reduce(applyWatchEvent, big);
    expect([...batched.items.entries()]).toEqual([...oneByOne.items.entries()]);
    expect(batched.resourceVersion).toBe('9');
    expect(batched.items.get('/pv-1')?.metadata?.resourceVersion).toBe('2');
    expect(batched.items.has('/pv-2')).toBe(false);
    expect(batched.items.size).toBe(5000);
    // the input state is never modified
    expect(big.items.size).toBe(5000);
    expect(big.items.has('/pv-2')).toBe(true);
  });

  it('returns the same state for a batch that changes nothing', () => {
    expect(applyWatchEvents(big, [])).toBe(big);
    expect(applyWatchEvents(big, [{ type: 'MODIFIED', object: pv('pv-1', '0') }])).toBe(big);
  });

  it('keeps the item map when only the resourceVersion moves', () => {
    const next = applyWatchEvents(big, [
      { type: 'DELETED', object: pv('missing', '5') },
      { type: 'BOOKMARK', object: { metadata: { resourceVersion: '6' } } },
    ]);
    expect(next.items).toBe(big.items);
    expect(next.resourceVersion).toBe('6');
  });
});
