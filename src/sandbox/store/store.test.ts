import { describe, expect, it } from 'vitest';
import type { KubeObject, StoreEvent } from '../contract';
import { ApiError } from '../api/status';
import { CONFIG_MAP, NAMESPACE } from '../builtin/types';
import { TypeRegistry } from './registry';
import { SandboxStore } from './store';

const WIDGET = {
  group: 'example.kubevirt.io',
  versions: ['v1'],
  kind: 'Widget',
  plural: 'widgets',
  singular: 'widget',
  namespaced: false,
  subresources: { status: true },
};

const newStore = async (): Promise<SandboxStore> => {
  const registry = new TypeRegistry();
  registry.register(NAMESPACE, true);
  registry.register(CONFIG_MAP, true);
  registry.register(WIDGET);
  const store = new SandboxStore(registry, 100);
  await store.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'default' } });
  return store;
};

const widget = (name: string, spec: Record<string, unknown> = {}): KubeObject => ({
  apiVersion: 'example.kubevirt.io/v1',
  kind: 'Widget',
  metadata: { name },
  spec,
});

describe('SandboxStore', () => {
  it('maintains generation for custom types (spec changes only) and a global resourceVersion', async () => {
    const store = await newStore();
    const a = await store.create(widget('a', { size: 1 }));
    expect(a.metadata.generation).toBe(1);
    const b = await store.update({ ...a, metadata: { ...a.metadata, labels: { x: 'y' } } });
    expect(b.metadata.generation).toBe(1);
    expect(Number(b.metadata.resourceVersion)).toBe(Number(a.metadata.resourceVersion) + 1);
    const c = await store.update({ ...b, spec: { size: 2 } });
    expect(c.metadata.generation).toBe(2);
    const s = await store.updateStatus({ ...c, status: { phase: 'Ready' }, spec: { size: 99 } });
    expect(s.spec).toEqual({ size: 2 });
    expect(s.status).toEqual({ phase: 'Ready' });
    const same = await store.update(s);
    expect(same.metadata.resourceVersion).toBe(s.metadata.resourceVersion);
  });

  it('rejects stale writes and lets mutate retry on the latest copy', async () => {
    const store = await newStore();
    const a = await store.create(widget('a'));
    await store.update({ ...a, spec: { v: 1 } });
    await expect(store.update({ ...a, spec: { v: 2 } })).rejects.toSatisfy(
      (e: unknown) => e instanceof ApiError && e.code === 409,
    );
    const m = await store.mutate(WIDGET, undefined, 'a', (o) => {
      o.spec = { v: 3 };
    });
    expect(m?.spec).toEqual({ v: 3 });
    expect(await store.mutate(WIDGET, undefined, 'missing', () => undefined)).toBeUndefined();
  });

  it('emits events in commit order with copies subscribers may change', async () => {
    const store = await newStore();
    const seen: string[] = [];
    store.subscribe((e: StoreEvent) => {
      seen.push(
        `${e.type} ${e.object.metadata.name ?? ''} ${e.object.metadata.resourceVersion ?? ''}`,
      );
      e.object.metadata.name = 'tampered';
      if (e.type === 'ADDED' && e.object.kind === 'Widget') {
        void store.create({
          apiVersion: 'v1',
          kind: 'ConfigMap',
          metadata: { name: 'reaction', namespace: 'default' },
        });
      }
    });
    await store.create(widget('w'));
    // The reaction is created from inside the subscriber: wait for its event, not for the clock.
    while (seen.length < 2) await new Promise((r) => setTimeout(r, 5));
    expect(store.get(WIDGET, undefined, 'w')?.metadata.name).toBe('w');
    const rvs = seen.map((s) => Number(s.split(' ')[2]));
    expect(rvs).toEqual([...rvs].sort((x, y) => x - y));
    expect(seen.map((s) => s.split(' ').slice(0, 2).join(' '))).toEqual([
      'ADDED w',
      'ADDED reaction',
    ]);
  });

  it('holds objects with finalizers until they are removed, then deletes', async () => {
    const store = await newStore();
    const a = await store.create({ ...widget('f'), metadata: { name: 'f', finalizers: ['x/y'] } });
    await store.delete(WIDGET, undefined, 'f');
    const held = store.get(WIDGET, undefined, 'f');
    expect(held?.metadata.deletionTimestamp).toBeTruthy();
    expect(Number(held?.metadata.resourceVersion)).toBeGreaterThan(
      Number(a.metadata.resourceVersion),
    );
    await store.mutate(WIDGET, undefined, 'f', (o) => {
      o.metadata.finalizers = [];
    });
    expect(store.get(WIDGET, undefined, 'f')).toBeUndefined();
  });

  it('fills generateName and refuses unknown kinds and missing namespaces', async () => {
    const store = await newStore();
    const g = await store.create({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { generateName: 'x-', namespace: 'default' },
    });
    expect(g.metadata.name).toMatch(/^x-[a-z0-9]{5}$/);
    await expect(
      store.create({ apiVersion: 'v9', kind: 'Nope', metadata: { name: 'n' } }),
    ).rejects.toSatisfy((e: unknown) => e instanceof ApiError && e.code === 404);
    await expect(
      store.create({
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: 'c', namespace: 'ghost' },
      }),
    ).rejects.toSatisfy(
      (e: unknown) => e instanceof ApiError && e.status.message === 'namespaces "ghost" not found',
    );
  });
});
