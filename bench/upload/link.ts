/**
 * A link emulator for the upload benchmark: a TCP relay on loopback that shapes each direction of every
 * connection like a network path with a bottleneck `rate` (bits per second) and a one-way `delay` (half the
 * round trip). Bytes leave in the order they came, each direction strictly FIFO: a byte is serialised at
 * the rate after every byte before it, then arrives `delay` ms later. Nothing is dropped, reordered or
 * changed; a full queue stops reading from the sender (backpressure, like a full TCP window).
 *
 * `LinkSchedule` is the pure timing model (tested without a clock); `startLink` runs it on sockets.
 */
import net from 'node:net';
import type { AddressInfo } from 'node:net';

export interface LinkOptions {
  /** Bottleneck rate in bits per second, each direction. */
  rateBps: number;
  /** One-way delay in milliseconds (round trip = 2 × delay). */
  delayMs: number;
  /** Bytes queued per direction before the sender is paused (default: twice the bandwidth-delay product, ≥ 1 MiB). */
  queueBytes?: number;
}

/** When each piece of one direction arrives, in arrival order = sending order. */
export class LinkSchedule {
  private free = 0;
  constructor(private readonly o: LinkOptions) {
    if (!(o.rateBps > 0) || !(o.delayMs >= 0)) {
      throw new Error(
        `link: rate must be > 0 and delay ≥ 0 (got rate ${o.rateBps}, delay ${o.delayMs})`,
      );
    }
  }

  /** A piece of `bytes` handed to the link at `now` (ms) arrives at the returned time (ms). */
  arrival(bytes: number, now: number): number {
    const start = Math.max(now, this.free);
    this.free = start + (bytes * 8 * 1000) / this.o.rateBps;
    return this.free + this.o.delayMs;
  }
}

/** Largest piece scheduled as one: keeps the pacing smooth. */
const SLICE = 16 * 1024;

interface Queued {
  piece: Buffer;
  at: number;
}

/** Shapes `from` → `to`. */
function shape(from: net.Socket, to: net.Socket, o: LinkOptions): void {
  const schedule = new LinkSchedule(o);
  const limit =
    o.queueBytes ??
    Math.max(1024 * 1024, Math.ceil(((o.rateBps / 8) * (2 * o.delayMs)) / 1000) * 2);
  const queue: Queued[] = [];
  let queued = 0;
  let timer: NodeJS.Timeout | undefined;
  let ended = false;
  let waitingDrain = false;

  const pump = () => {
    timer = undefined;
    if (waitingDrain) return;
    const now = performance.now();
    while (queue.length > 0) {
      const head = queue[0];
      if (head.at > now) break;
      queue.shift();
      queued -= head.piece.length;
      if (!to.write(head.piece)) {
        waitingDrain = true;
        to.once('drain', () => {
          waitingDrain = false;
          pump();
        });
        break;
      }
    }
    if (queued < limit && from.isPaused()) from.resume();
    if (queue.length === 0) {
      if (ended) to.end();
      return;
    }
    if (!waitingDrain) timer = setTimeout(pump, Math.max(0, queue[0].at - performance.now()));
  };

  from.on('data', (chunk: Buffer) => {
    for (let i = 0; i < chunk.length; i += SLICE) {
      const piece = chunk.subarray(i, Math.min(chunk.length, i + SLICE));
      queue.push({ piece, at: schedule.arrival(piece.length, performance.now()) });
      queued += piece.length;
    }
    if (queued >= limit) from.pause();
    if (!timer && !waitingDrain) pump();
  });
  from.on('end', () => {
    ended = true;
    if (queue.length === 0 && !timer) to.end();
  });
}

export interface Link {
  /** `host:port` of the near end. */
  host: string;
  port: number;
  close(): Promise<void>;
}

/** A shaped relay from a loopback port to `target` (host and port). */
export async function startLink(
  target: { host: string; port: number },
  o: LinkOptions,
): Promise<Link> {
  new LinkSchedule(o); // refuses bad options before anything listens
  const sockets = new Set<net.Socket>();
  // Half-open: one side may finish sending while the other still answers (an HTTP request body, then the
  // response).
  const server = net.createServer({ allowHalfOpen: true }, (near) => {
    const far = net.connect({ port: target.port, host: target.host, allowHalfOpen: true });
    near.setNoDelay(true);
    far.setNoDelay(true);
    for (const s of [near, far]) {
      sockets.add(s);
      s.once('close', () => sockets.delete(s));
      s.on('error', () => {
        near.destroy();
        far.destroy();
      });
    }
    // A normal close travels as an end through the queue (so queued bytes still arrive); an error ends both.
    shape(near, far, o);
    shape(far, near, o);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    host: `127.0.0.1:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => {
          resolve();
        });
      }),
  };
}
