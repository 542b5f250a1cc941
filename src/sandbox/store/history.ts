import type { KubeObject, ResourceType, WatchEventType } from '../contract';

/** One committed change, as kept for watch resumption. */
export interface HistoryEvent {
  type: WatchEventType;
  rv: number;
  resourceType: ResourceType;
  object: KubeObject;
  /** The previous state for MODIFIED/DELETED (used for selector transitions). */
  oldObject?: KubeObject;
}

/** A fixed-size ring of the most recent events; watches resume from it or get 410 Gone. */
export class EventHistory {
  private readonly buf: (HistoryEvent | undefined)[];
  private start = 0;
  private size = 0;
  /** Every event with rv greater than this is still available. */
  private horizon: number;

  constructor(
    private readonly capacity: number,
    initialRv: number,
  ) {
    this.buf = new Array<HistoryEvent | undefined>(capacity);
    this.horizon = initialRv;
  }

  push(e: HistoryEvent): void {
    if (this.size === this.capacity) {
      const evicted = this.buf[this.start];
      if (evicted) this.horizon = evicted.rv;
      this.buf[this.start] = e;
      this.start = (this.start + 1) % this.capacity;
    } else {
      this.buf[(this.start + this.size) % this.capacity] = e;
      this.size++;
    }
  }

  /** The oldest resourceVersion a watch can still start from. */
  oldestAvailable(): number {
    return this.horizon;
  }

  /** Events with rv > from, oldest first; undefined if some of them were already evicted. */
  since(from: number): HistoryEvent[] | undefined {
    if (from < this.horizon) return undefined;
    const out: HistoryEvent[] = [];
    for (let i = 0; i < this.size; i++) {
      const e = this.buf[(this.start + i) % this.capacity];
      if (e && e.rv > from) out.push(e);
    }
    return out;
  }
}
