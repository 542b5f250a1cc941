import { randomBytes } from 'node:crypto';
import type { KubeObject } from '../contract';
import { nowTimestamp, type SandboxStore } from '../store/store';

const EVENT = { group: '', kind: 'Event' };

/** Writes core/v1 Events the way client-go's recorder does (same reason+message → count bumped). */
export class EventRecorder {
  private readonly names = new Map<string, string>();

  constructor(private readonly store: SandboxStore) {}

  async record(
    involved: KubeObject,
    type: 'Normal' | 'Warning',
    reason: string,
    message: string,
    component: string,
    minIntervalMs = 0,
  ): Promise<void> {
    const namespace = involved.metadata.namespace ?? 'default';
    const key = `${involved.metadata.uid ?? ''}|${reason}|${message}|${type}`;
    const now = nowTimestamp();
    const existingName = this.names.get(key);
    if (existingName) {
      const existing = this.store.getRaw(EVENT, namespace, existingName);
      if (existing) {
        const last = Date.parse(
          typeof existing.lastTimestamp === 'string'
            ? existing.lastTimestamp
            : (existing.metadata.creationTimestamp ?? ''),
        );
        if (minIntervalMs > 0 && Date.now() - last < minIntervalMs) return;
        await this.store.mutate(EVENT, namespace, existingName, (e) => {
          e.count = ((e.count as number | undefined) ?? 1) + 1;
          e.lastTimestamp = now;
        });
        return;
      }
    }
    const name = `${involved.metadata.name ?? 'unknown'}.${randomBytes(8).toString('hex')}`;
    this.names.set(key, name);
    try {
      await this.store.create({
        apiVersion: 'v1',
        kind: 'Event',
        metadata: { name, namespace },
        involvedObject: {
          kind: involved.kind,
          namespace: involved.metadata.namespace,
          name: involved.metadata.name,
          uid: involved.metadata.uid,
          apiVersion: involved.apiVersion,
          resourceVersion: involved.metadata.resourceVersion,
        },
        reason,
        message,
        type,
        source: { component },
        firstTimestamp: now,
        lastTimestamp: now,
        count: 1,
        reportingComponent: component,
        reportingInstance: '',
      });
    } catch {
      // The namespace may be going away; events are best effort, as in Kubernetes.
      this.names.delete(key);
    }
  }
}
