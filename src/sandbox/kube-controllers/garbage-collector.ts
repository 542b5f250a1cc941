import type { KubeObject, OwnerReference } from '../contract';
import type { InternalEvent, SandboxStore } from '../store/store';

const ownerRefs = (o: KubeObject): OwnerReference[] => o.metadata.ownerReferences ?? [];

/**
 * The garbage collector: dependents of a deleted owner are deleted (background) unless another
 * owner remains; `orphan` and `foregroundDeletion` finalizers are honoured.
 */
export class GarbageCollector {
  private readonly deletedUids = new Set<string>();
  private readonly finalizing = new Set<string>();
  private scheduled = false;
  private unsubscribe: (() => void) | undefined;
  private running: Promise<void> = Promise.resolve();

  constructor(private readonly store: SandboxStore) {}

  start(): void {
    this.unsubscribe = this.store.watchRaw((e) => {
      this.onEvent(e);
    });
    // Orphans left over from a previous run (owner deleted while the sandbox was down).
    const uids = this.store.allUids();
    for (const { object } of this.store.allObjects()) {
      for (const ref of ownerRefs(object)) if (!uids.has(ref.uid)) this.deletedUids.add(ref.uid);
      if (object.metadata.deletionTimestamp) this.finalizing.add(object.metadata.uid ?? '');
    }
    this.schedule();
  }

  async stop(): Promise<void> {
    this.unsubscribe?.();
    await this.running;
  }

  private onEvent(e: InternalEvent): void {
    const uid = e.object.metadata.uid ?? '';
    if (e.type === 'DELETED') {
      this.deletedUids.add(uid);
      this.schedule();
    } else if (e.object.metadata.deletionTimestamp) {
      const f = e.object.metadata.finalizers ?? [];
      if (f.includes('orphan') || f.includes('foregroundDeletion')) {
        this.finalizing.add(uid);
        this.schedule();
      }
    } else if (ownerRefs(e.object).length > 0 && e.type === 'ADDED') {
      // A dependent created after its owner went away is collected too.
      const owners = ownerRefs(e.object).map((r) => r.uid);
      const stored = this.store.allUids();
      if (!owners.some((u) => stored.has(u))) {
        for (const u of owners) this.deletedUids.add(u);
        this.schedule();
      }
    }
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setTimeout(() => {
      this.running = this.running.then(() => this.collect());
    }, 20);
  }

  private async collect(): Promise<void> {
    this.scheduled = false;
    const gone = new Set(this.deletedUids);
    this.deletedUids.clear();
    const finalizing = new Set(this.finalizing);
    this.finalizing.clear();
    const all = this.store.allObjects();
    const byUid = new Map(all.map((x) => [x.object.metadata.uid ?? '', x]));
    const stored = this.store.allUids();
    // An owner that still exists (even of a type not registered yet) is not gone.
    for (const uid of gone) if (stored.has(uid)) gone.delete(uid);
    for (const { type, object } of all) {
      const refs = ownerRefs(object);
      if (refs.length === 0) continue;
      const deadRefs = refs.filter((r) => gone.has(r.uid));
      const orphaning = refs.filter((r) => {
        const owner = byUid.get(r.uid)?.object;
        return finalizing.has(r.uid) && owner?.metadata.finalizers?.includes('orphan');
      });
      const foreground = refs.filter((r) => {
        const owner = byUid.get(r.uid)?.object;
        return finalizing.has(r.uid) && owner?.metadata.finalizers?.includes('foregroundDeletion');
      });
      const ns = object.metadata.namespace;
      const name = object.metadata.name ?? '';
      try {
        if (orphaning.length > 0) {
          const drop = new Set(orphaning.map((r) => r.uid));
          await this.store.mutate(type, ns, name, (o) => {
            o.metadata.ownerReferences = ownerRefs(o).filter((r) => !drop.has(r.uid));
            if (o.metadata.ownerReferences.length === 0) delete o.metadata.ownerReferences;
          });
          continue;
        }
        if (foreground.length > 0 && !object.metadata.deletionTimestamp) {
          await this.store.deleteObject(type, ns, name, undefined, {
            propagationPolicy: 'Foreground',
          });
          continue;
        }
        if (deadRefs.length === 0) continue;
        const survivors = refs.filter((r) => !gone.has(r.uid) && stored.has(r.uid));
        if (survivors.length > 0) {
          const drop = new Set(deadRefs.map((r) => r.uid));
          await this.store.mutate(type, ns, name, (o) => {
            o.metadata.ownerReferences = ownerRefs(o).filter((r) => !drop.has(r.uid));
          });
        } else if (!object.metadata.deletionTimestamp) {
          await this.store.deleteObject(type, ns, name);
        }
      } catch {
        // Raced with another writer; the next event retries.
      }
    }
    // Owners whose orphan/foreground work is done lose that finalizer.
    for (const uid of finalizing) {
      const entry = byUid.get(uid);
      if (!entry) continue;
      const { type, object } = entry;
      const stillOwned = this.store
        .allObjects()
        .some((x) => ownerRefs(x.object).some((r) => r.uid === uid));
      const f = object.metadata.finalizers ?? [];
      if (f.includes('orphan') || (f.includes('foregroundDeletion') && !stillOwned)) {
        try {
          await this.store.mutate(
            type,
            object.metadata.namespace,
            object.metadata.name ?? '',
            (o) => {
              o.metadata.finalizers = (o.metadata.finalizers ?? []).filter(
                (x) => x !== 'orphan' && !(x === 'foregroundDeletion' && !stillOwned),
              );
            },
          );
        } catch {
          // Retried on the next event.
        }
      } else if (f.includes('foregroundDeletion')) {
        setTimeout(() => {
          this.finalizing.add(uid);
          this.schedule();
        }, 200);
      }
    }
  }
}
