// The benchmark's link emulator: a pure timing model (no clock), and over real sockets in both directions
// every byte arrives, unchanged and in order.
import { createHash, randomBytes } from 'node:crypto';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LinkSchedule, startLink, type Link } from './link';

describe('LinkSchedule', () => {
  it('serialises at the rate, back to back, and adds the one-way delay', () => {
    // 8 Mbit/s = 1000 bytes per ms; 10 ms one way.
    const s = new LinkSchedule({ rateBps: 8_000_000, delayMs: 10 });
    expect(s.arrival(1000, 0)).toBe(11); // 1 ms on the wire + 10
    expect(s.arrival(1000, 0)).toBe(12); // queued behind the first
    expect(s.arrival(500, 100)).toBe(110.5); // the link was idle: starts at once
  });
  it('arrivals never go backwards (strict FIFO) whatever the piece sizes', () => {
    const s = new LinkSchedule({ rateBps: 200e6, delayMs: 10 });
    let last = -Infinity;
    let now = 0;
    for (let i = 0; i < 1000; i++) {
      now += (i * 7919) % 3;
      const at = s.arrival(((i * 104729) % 65536) + 1, now);
      expect(at).toBeGreaterThanOrEqual(last);
      last = at;
    }
  });
  it('refuses a link without rate', () => {
    expect(() => new LinkSchedule({ rateBps: 0, delayMs: 1 })).toThrow(/rate must be > 0/);
  });
});

describe('startLink over sockets', () => {
  let server: net.Server;
  let link: Link;
  beforeAll(async () => {
    // Echo with a twist: answers with the SHA-256 of everything received, then the bytes themselves back.
    server = net.createServer({ allowHalfOpen: true }, (s) => {
      const parts: Buffer[] = [];
      s.on('data', (d: Buffer) => parts.push(d));
      s.on('end', () => {
        const all = Buffer.concat(parts);
        s.write(createHash('sha256').update(all).digest());
        s.end(all);
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const { port } = server.address() as AddressInfo;
    link = await startLink(
      { host: '127.0.0.1', port },
      { rateBps: 400e6, delayMs: 2, queueBytes: 256 * 1024 },
    );
  });
  afterAll(async () => {
    await link.close();
    await new Promise<void>((r) => {
      server.close(() => {
        r();
      });
    });
  });

  it('carries 8 MiB each way in odd-sized writes, byte-exact and in order', async () => {
    const data = randomBytes(8 * 1024 * 1024);
    const client = net.connect({ port: link.port, host: '127.0.0.1', allowHalfOpen: true });
    const received: Buffer[] = [];
    const ended = new Promise<void>((resolve, reject) => {
      client.on('data', (d: Buffer) => received.push(d));
      client.on('end', resolve);
      client.on('error', reject);
    });
    // Writes of varying sizes (1 byte to ~100 KiB), so pieces cross the emulator's slice boundaries.
    let at = 0;
    let i = 0;
    while (at < data.length) {
      const n = Math.min(data.length - at, ((i++ * 7919) % 100_000) + 1);
      if (!client.write(data.subarray(at, at + n)))
        await new Promise((r) => client.once('drain', r));
      at += n;
    }
    client.end();
    await ended;
    const back = Buffer.concat(received);
    expect(back.subarray(0, 32).equals(createHash('sha256').update(data).digest())).toBe(true);
    expect(back.length).toBe(32 + data.length);
    expect(back.subarray(32).equals(data)).toBe(true);
  });
});
