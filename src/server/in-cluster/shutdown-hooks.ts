/**
 * Graceful shutdown: work that must finish or checkpoint before the server stops (in-flight uploads) registers
 * a hook; `app.close()` runs every hook, in parallel, before any connection is cut. New requests already get
 * 503 at that point (Fastify's `return503OnClosing`) and `/readyz` answers 503, so the Service stops sending
 * traffic while the hooks work.
 *
 * Each hook gets an AbortSignal that fires at the deadline: a hook that cannot finish by then should
 * checkpoint what it has (e.g. persist the upload offset) and return. The run never waits past the deadline;
 * hooks still running then are reported as timed out and the close goes on.
 *
 * Use from a Fastify plugin: `app.onShutdown('uploads', async ({ signal }) => { … })` (returns an unregister
 * function). `app.shuttingDown` tells request handlers that the process is on its way out.
 */
export interface ShutdownContext {
  /** Fires when the deadline passes: checkpoint and return. */
  signal: AbortSignal;
  /** Epoch milliseconds of the deadline. */
  deadline: number;
}

export type ShutdownHook = (context: ShutdownContext) => Promise<void> | void;

export interface ShutdownReport {
  /** Hooks that returned (or resolved) before the deadline. */
  finished: string[];
  /** Hooks that threw or rejected, with the message. */
  failed: { name: string; error: string }[];
  /** Hooks still running at the deadline. */
  timedOut: string[];
}

export const DEFAULT_SHUTDOWN_TIMEOUT_MS = 25_000;

export class ShutdownHooks {
  private readonly hooks = new Map<number, { name: string; hook: ShutdownHook }>();
  private nextId = 0;
  private running: Promise<ShutdownReport> | undefined;

  /** True from the moment `run` starts. */
  get started(): boolean {
    return this.running !== undefined;
  }

  /** Registers a hook; the returned function removes it (e.g. when its owner closes first). */
  register(name: string, hook: ShutdownHook): () => void {
    if (this.running) throw new Error(`cannot register shutdown hook ${name}: shutdown has begun`);
    const id = this.nextId++;
    this.hooks.set(id, { name, hook });
    return () => {
      this.hooks.delete(id);
    };
  }

  get names(): string[] {
    return [...this.hooks.values()].map((entry) => entry.name);
  }

  /** Runs every hook once (later calls return the same result) and waits at most `timeoutMs`. */
  run(timeoutMs: number = DEFAULT_SHUTDOWN_TIMEOUT_MS): Promise<ShutdownReport> {
    this.running ??= this.runOnce(timeoutMs);
    return this.running;
  }

  private async runOnce(timeoutMs: number): Promise<ShutdownReport> {
    const controller = new AbortController();
    const deadline = Date.now() + timeoutMs;
    const report: ShutdownReport = { finished: [], failed: [], timedOut: [] };
    const pending = new Set<string>();
    const entries = [...this.hooks.values()];
    const all = Promise.all(
      entries.map(async ({ name, hook }, index) => {
        const key = `${String(index)}:${name}`;
        pending.add(key);
        try {
          await hook({ signal: controller.signal, deadline });
          if (!controller.signal.aborted) report.finished.push(name);
        } catch (err) {
          if (!controller.signal.aborted) {
            report.failed.push({ name, error: err instanceof Error ? err.message : String(err) });
          }
        } finally {
          pending.delete(key);
        }
      }),
    );
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, Math.max(0, timeoutMs));
    });
    await Promise.race([all, timeout]);
    clearTimeout(timer);
    if (pending.size > 0) {
      report.timedOut = [...pending].map((key) => key.slice(key.indexOf(':') + 1));
      controller.abort(new Error('shutdown deadline passed'));
    }
    return report;
  }
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Registers work to finish or checkpoint before the server closes (see `in-cluster/shutdown-hooks.ts`). */
    onShutdown(name: string, hook: ShutdownHook): () => void;
    /** True once `close()` has begun running the shutdown hooks. */
    readonly shuttingDown: boolean;
  }
}
