import type { SandboxStore } from '../store/store';

const NAMESPACE = { group: '', kind: 'Namespace' };

/** Deletes everything in a terminating namespace, then removes its `kubernetes` finalizer. */
export class NamespaceController {
  private readonly active = new Set<string>();
  private unsubscribe: (() => void) | undefined;
  private stopped = false;

  constructor(private readonly store: SandboxStore) {}

  start(): void {
    this.unsubscribe = this.store.watchRaw((e) => {
      if (
        e.resourceType.group === '' &&
        e.resourceType.kind === 'Namespace' &&
        e.type !== 'DELETED'
      ) {
        if (e.object.metadata.deletionTimestamp) this.finalize(e.object.metadata.name ?? '');
      }
    });
    for (const ns of this.store.listRaw(NAMESPACE)) {
      if (ns.metadata.deletionTimestamp) this.finalize(ns.metadata.name ?? '');
    }
  }

  stop(): void {
    this.stopped = true;
    this.unsubscribe?.();
  }

  private finalize(name: string): void {
    if (this.active.has(name)) return;
    this.active.add(name);
    void (async () => {
      try {
        for (;;) {
          if (this.stopped) return;
          const contents = this.store.listNamespaceContents(name);
          if (contents.length === 0) break;
          for (const { type, object } of contents) {
            if (object.metadata.deletionTimestamp) continue;
            try {
              await this.store.deleteObject(type, name, object.metadata.name ?? '');
            } catch {
              // Gone meanwhile.
            }
          }
          if (this.store.listNamespaceContents(name).length === 0) break;
          await new Promise((r) => setTimeout(r, 200));
        }
        await this.store.mutate(NAMESPACE, undefined, name, (o) => {
          o.spec = { ...(o.spec as object | undefined), finalizers: [] };
        });
      } catch (e) {
        console.error('sandbox: namespace controller', e);
      } finally {
        this.active.delete(name);
      }
    })();
  }
}
