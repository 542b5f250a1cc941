import { randomBytes } from 'node:crypto';
import type { KubeObject, SandboxContext } from '../contract';
import { EVENT } from './refs';
import { nowIso } from './shapes';

/**
 * Records a core/v1 Event like the real components do. Repeated events (same object, reason and
 * message) bump `count` instead of creating new objects. Uses the machinery's recorder when offered. Cluster-scoped objects get their events
 * in `default`, as on a real cluster.
 */
export async function recordEvent(
  ctx: SandboxContext,
  involved: KubeObject,
  type: 'Normal' | 'Warning',
  reason: string,
  message: string,
  component: string,
): Promise<void> {
  if (ctx.recordEvent) {
    try {
      await ctx.recordEvent(involved, type, reason, message, component);
    } catch (err) {
      ctx.log(`event ${reason} for ${involved.metadata.name ?? ''} not recorded: ${String(err)}`);
    }
    return;
  }
  const namespace = involved.metadata.namespace ?? 'default';
  const existing = ctx.store.list(EVENT, { namespace }).find((e) => {
    const io = e.involvedObject as { uid?: string } | undefined;
    return io?.uid === involved.metadata.uid && e.reason === reason && e.message === message;
  });
  const now = nowIso();
  try {
    if (existing) {
      await ctx.store.mutate(EVENT, namespace, existing.metadata.name ?? '', (e) => {
        e.count = (typeof e.count === 'number' ? e.count : 1) + 1;
        e.lastTimestamp = now;
      });
      return;
    }
    await ctx.store.create({
      apiVersion: 'v1',
      kind: 'Event',
      metadata: {
        name: `${involved.metadata.name ?? 'object'}.${randomBytes(8).toString('hex')}`,
        namespace,
      },
      involvedObject: {
        apiVersion: involved.apiVersion,
        kind: involved.kind,
        name: involved.metadata.name,
        namespace: involved.metadata.namespace,
        uid: involved.metadata.uid,
        resourceVersion: involved.metadata.resourceVersion,
      },
      reason,
      message,
      type,
      source: { component },
      reportingComponent: component,
      reportingInstance: '',
      firstTimestamp: now,
      lastTimestamp: now,
      count: 1,
    });
  } catch (err) {
    ctx.log(`event ${reason} for ${involved.metadata.name ?? ''} not recorded: ${String(err)}`);
  }
}
