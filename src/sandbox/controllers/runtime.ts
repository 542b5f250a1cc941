import type { KindRef, SandboxContext, StoreEvent } from '../contract';

/**
 * A level-triggered controller: `reconcile` looks at the whole (small) world and converges it.
 * It runs when an object of a watched kind changes (coalesced), and on every resync.
 * Reconcilers must write only when something differs, so that they settle.
 */
export interface Controller {
  name: string;
  watches: KindRef[];
  reconcile(): Promise<void>;
}

interface State {
  controller: Controller;
  running: boolean;
  again: boolean;
  timer?: NodeJS.Timeout;
}

/** Lets a controller ask to run again later (e.g. when a simulated delay ends). */
export interface Requeue {
  after(controller: string, ms: number): void;
}

export class ControllerRunner implements Requeue {
  private states: State[] = [];
  private unsubscribe?: () => void;
  private resync?: NodeJS.Timeout;
  private stopped = false;
  private readonly idle = new Set<() => void>();

  private readonly later = new Set<NodeJS.Timeout>();

  constructor(
    private readonly ctx: SandboxContext,
    private readonly resyncMs: number,
  ) {}

  add(controllers: Controller[]): void {
    this.states.push(
      ...controllers.map((controller) => ({ controller, running: false, again: false })),
    );
  }

  after(controller: string, ms: number): void {
    if (this.stopped) return;
    const t = setTimeout(() => {
      this.later.delete(t);
      const s = this.states.find((x) => x.controller.name === controller);
      if (s) this.kick(s);
    }, ms);
    this.later.add(t);
  }

  /** Runs every controller once (in order), then reacts to store events and resyncs periodically. */
  async start(): Promise<void> {
    for (const s of this.states) await this.run(s);
    this.unsubscribe = this.ctx.store.subscribe((e) => {
      this.onEvent(e);
    });
    this.resync = setInterval(() => {
      for (const s of this.states) this.kick(s);
    }, this.resyncMs);
  }

  private onEvent(e: StoreEvent): void {
    for (const s of this.states) {
      if (
        s.controller.watches.some(
          (w) => w.group === e.resourceType.group && w.kind === e.resourceType.kind,
        )
      ) {
        this.kick(s);
      }
    }
  }

  kickAll(): void {
    for (const s of this.states) this.kick(s);
  }

  private kick(s: State): void {
    if (this.stopped) return;
    if (s.running) {
      s.again = true;
      return;
    }
    if (s.timer) return;
    s.timer = setTimeout(() => {
      s.timer = undefined;
      void this.run(s);
    }, 5);
  }

  private async run(s: State): Promise<void> {
    if (this.stopped) return;
    s.running = true;
    try {
      await s.controller.reconcile();
    } catch (err) {
      this.ctx.log(
        `controller ${s.controller.name}: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`,
      );
    } finally {
      s.running = false;
    }
    if (s.again) {
      s.again = false;
      this.kick(s);
    } else if (this.states.every((x) => !x.running && !x.timer && !x.again)) {
      for (const resolve of this.idle) resolve();
      this.idle.clear();
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.unsubscribe?.();
    if (this.resync) clearInterval(this.resync);
    for (const s of this.states) if (s.timer) clearTimeout(s.timer);
    for (const t of this.later) clearTimeout(t);
    const deadline = Date.now() + 5000;
    while (this.states.some((s) => s.running) && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 10));
    }
  }
}

/** Background work keyed by an id, started at most once at a time (conversions, copies, rollouts). */
export class TaskSet {
  private readonly running = new Map<string, Promise<void>>();
  private closed = false;

  constructor(private readonly ctx: SandboxContext) {}

  has(id: string): boolean {
    return this.running.has(id);
  }

  start(id: string, work: () => Promise<void>): void {
    if (this.closed || this.running.has(id)) return;
    const p = work()
      .catch((err: unknown) => {
        this.ctx.log(
          `task ${id}: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`,
        );
      })
      .finally(() => this.running.delete(id));
    this.running.set(id, p);
  }

  get isClosed(): boolean {
    return this.closed;
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.allSettled([...this.running.values()]);
  }
}
