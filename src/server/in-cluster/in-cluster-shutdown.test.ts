/**
 * Graceful shutdown: hooks registered with `app.onShutdown` run before any connection is cut, an in-flight
 * request finishes, readiness turns 503 meanwhile, and a hook that overruns its deadline is aborted without
 * holding the close up.
 */
import { request as httpsRequest } from 'node:https';
import { rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { generate } from 'selfsigned';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app';
import { makeFakeBuilds, type FakeBuilds } from '../testing/fake-builds';
import { rawRequest } from '../testing/http-client';
import { ShutdownHooks, type ShutdownContext } from './shutdown-hooks';

let builds: FakeBuilds;
let tls: { cert: string; key: string };

beforeAll(async () => {
  builds = await makeFakeBuilds();
  const pems = await generate([{ name: 'commonName', value: 'localhost' }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    extensions: [{ name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }] }],
  });
  tls = { cert: pems.cert, key: pems.private };
});

afterAll(async () => {
  await rm(builds.root, { recursive: true, force: true });
});

describe('ShutdownHooks', () => {
  it('reports finished, failed and timed-out hooks and aborts the late ones', async () => {
    const hooks = new ShutdownHooks();
    let lateSignal: AbortSignal | undefined;
    hooks.register('quick', async () => {
      await new Promise((resolve) => setImmediate(resolve));
    });
    hooks.register('broken', () => {
      throw new Error('disk gone');
    });
    hooks.register('late', ({ signal }: ShutdownContext) => {
      lateSignal = signal;
      return new Promise<void>(() => undefined);
    });
    const removed = hooks.register('removed', () => {
      throw new Error('must not run');
    });
    removed();
    expect(hooks.names).toEqual(['quick', 'broken', 'late']);
    const report = await hooks.run(50);
    expect(report).toEqual({
      finished: ['quick'],
      failed: [{ name: 'broken', error: 'disk gone' }],
      timedOut: ['late'],
    });
    expect(lateSignal?.aborted).toBe(true);
    expect(hooks.started).toBe(true);
    // Runs once; registering after the start is refused.
    expect(await hooks.run(50)).toBe(report);
    expect(() => hooks.register('too-late', () => undefined)).toThrow(/shutdown has begun/);
  });
});

describe('app.close() in in-cluster mode', () => {
  async function inClusterApp(shutdownTimeoutMs: number): Promise<{ app: FastifyInstance }> {
    const app = await buildApp({
      mode: 'in-cluster',
      distDir: builds.distDir,
      cluster: null,
      tls,
      shutdownTimeoutMs,
    });
    return { app };
  }

  it('lets an in-flight upload finish before connections are cut; readiness is 503 meanwhile', async () => {
    const { app } = await inClusterApp(30_000);
    let markBodyStarted: (() => void) | undefined;
    const bodyStarted = new Promise<void>((resolve) => {
      markBodyStarted = resolve;
    });
    let finishHandler: (() => void) | undefined;
    const handlerDone = new Promise<void>((resolve) => {
      finishHandler = resolve;
    });
    // A stand-in for an upload chunk: the body arrives slowly; the handler answers with the byte count.
    app.addContentTypeParser('application/offset+octet-stream', (_request, payload, done) => {
      let bytes = 0;
      payload.on('data', (chunk: Buffer) => {
        bytes += chunk.length;
        markBodyStarted?.();
      });
      payload.on('end', () => {
        done(null, bytes);
      });
    });
    app.post('/test/chunk', async (request, reply) => {
      await reply.send({ bytes: request.body });
      finishHandler?.();
    });
    const hookRuns: string[] = [];
    let markHookStarted: (() => void) | undefined;
    const hookStarted = new Promise<void>((resolve) => {
      markHookStarted = resolve;
    });
    app.onShutdown('uploads', async () => {
      hookRuns.push('started');
      markHookStarted?.();
      await handlerDone;
      hookRuns.push('in-flight chunk done');
    });
    await app.listen({ host: '127.0.0.1', port: 0 });
    const { port } = app.server.address() as AddressInfo;
    const base = `https://127.0.0.1:${String(port)}`;
    expect((await rawRequest(base, { path: '/readyz', ca: tls.cert })).status).toBe(200);

    let markCloseStarted: (() => void) | undefined;
    const closeStarted = new Promise<void>((resolve) => {
      markCloseStarted = resolve;
    });
    const response = new Promise<{ status: number; body: string }>((resolve, reject) => {
      const upload = httpsRequest(
        {
          host: '127.0.0.1',
          port,
          method: 'POST',
          path: '/test/chunk',
          ca: tls.cert,
          headers: { 'content-type': 'application/offset+octet-stream', 'content-length': 8 },
        },
        (res) => {
          let body = '';
          res.on('data', (chunk: Buffer) => (body += chunk.toString()));
          res.on('end', () => {
            resolve({ status: res.statusCode ?? 0, body });
          });
        },
      );
      upload.on('error', reject);
      upload.write('half');
      // The rest comes once the shutdown has begun.
      void closeStarted.then(() => {
        upload.end('half');
      });
    });
    await bodyStarted;
    expect(app.shuttingDown).toBe(false);
    const closing = app.close();
    await hookStarted;
    expect(app.shuttingDown).toBe(true);
    const ready = await rawRequest(base, { path: '/readyz', ca: tls.cert });
    expect(ready.status).toBe(503);
    expect(hookRuns).toEqual(['started']);
    markCloseStarted?.();
    const answer = await response;
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body)).toEqual({ bytes: 8 });
    await closing;
    expect(hookRuns).toEqual(['started', 'in-flight chunk done']);
  });

  it('does not wait past the deadline for a hook that never finishes', async () => {
    const { app } = await inClusterApp(100);
    let signal: AbortSignal | undefined;
    app.onShutdown('stuck', (context) => {
      signal = context.signal;
      return new Promise<void>(() => undefined);
    });
    await app.listen({ host: '127.0.0.1', port: 0 });
    await app.close();
    expect(signal?.aborted).toBe(true);
  });
});
